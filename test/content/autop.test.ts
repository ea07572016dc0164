// wpautop's known behaviours, taken from WordPress's own tests (tests/phpunit/tests/formatting/Autop.php).
import { describe, expect, it } from 'vitest';
import { hasBlockTags, wpautop } from '../../src/content/autop.js';

describe('wpautop as WordPress does it', () => {
  it('makes paragraphs from blank lines and <br /> from single newlines', () => {
    expect(wpautop('First line\nsecond line\n\nNew paragraph')).toBe('<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>\n');
  });

  it('returns nothing for whitespace only', () => {
    expect(wpautop('  \n\n ')).toBe('');
  });

  it('collapses three or more newlines and Windows line ends into one paragraph break', () => {
    expect(wpautop('a\r\n\r\n\r\n\r\nb')).toBe('<p>a</p>\n<p>b</p>\n');
  });

  it('leaves <pre> untouched, wrapping text around it (ticket 19855)', () => {
    const str = "Look at this code\n\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\nActual Line 3</pre>\n\nCool, huh?";
    expect(wpautop(str).trim()).toBe("<p>Look at this code</p>\n<pre>Line1<br />Line2<br>Line3<br/>Line4\nActual Line 2\nActual Line 3</pre>\n<p>Cool, huh?</p>");
  });

  it('adds no <br /> between inputs and no paragraphs inside a <select> (tickets 16456, 22230)', () => {
    const inputs = 'Username: <input type="text" id="username" name="username" /><br />Password: <input type="password" id="password1" name="password1" />';
    expect(wpautop(inputs).trim()).toBe(`<p>${inputs}</p>`);
    const select = 'Country: <select id="state" name="state"><option value="1">Alabama</option><option value="2">Alaska</option></select>';
    expect(wpautop(select).trim()).toBe(`<p>${select}</p>`);
  });

  it('treats block elements as blocks, one per line, with or without whitespace between (ticket 27268)', () => {
    const blocks = ['table', 'div', 'ul', 'ol', 'li', 'pre', 'p', 'h2', 'section', 'figure', 'details'];
    const content = blocks.map((b) => `<${b}>foo</${b}>`);
    expect(wpautop(content.join('\n\n')).trim()).toBe(content.join('\n'));
    expect(wpautop(content.join('')).trim()).toBe(content.join('\n'));
    const attrs = blocks.map((b) => `<${b} attr='value'>foo</${b}>`);
    expect(wpautop(attrs.join('')).trim()).toBe(attrs.join('\n'));
  });

  it("paragraphs a blockquote's contents, not the blockquote itself", () => {
    expect(wpautop('<blockquote>foo</blockquote>').trim()).toBe('<blockquote><p>foo</p></blockquote>');
  });

  it('keeps inline elements inside paragraphs', () => {
    const inlines = ['a', 'em', 'strong', 'code', 'span', 'del'];
    const content = inlines.map((t) => `<${t}>foo</${t}>`).join('\n\n');
    expect(wpautop(content).trim()).toBe(inlines.map((t) => `<p><${t}>foo</${t}></p>`).join('\n'));
  });

  it('keeps a newline inside a tag as a newline, not a paragraph (ticket 33106)', () => {
    expect(wpautop("Hello <a\nhref='world'>")).toBe("<p>Hello <a\nhref='world'></p>\n");
    expect(wpautop("Hello <!-- a\nhref='world' -->")).toBe("<p>Hello <!-- a\nhref='world' --></p>\n");
  });

  it('puts no <br /> next to list items', () => {
    expect(wpautop('Intro\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\nOutro')).toBe('<p>Intro</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n<p>Outro</p>\n');
  });

  it('without $br, single newlines stay newlines', () => {
    expect(wpautop('a\nb', false)).toBe('<p>a\nb</p>\n');
  });
});

describe('hasBlockTags', () => {
  it('tells plain text and inline HTML from block HTML', () => {
    expect(hasBlockTags('Just text with <em>emphasis</em> and <a href="x">a link</a>')).toBe(false);
    expect(hasBlockTags('<p>Para</p>')).toBe(true);
    expect(hasBlockTags('Text\n<ul><li>x</li></ul>')).toBe(true);
    expect(hasBlockTags('<pre>code</pre>')).toBe(true);
  });
});
