// The pure pieces of the WXR export: CDATA as wxr_cdata() writes it, dates, the file name, PHP's serialize().
import { describe, expect, it } from 'vitest';
import { cdata, exportFileName, rssDate, wpDate, ZERO_DATE } from '../../src/export/wxr-text.js';
import { phpSerialize } from '../../src/export/php-serialize.js';
import { parseXml } from '../support/wxr-read.js';

describe('cdata', () => {
  it('splits ]]> across two sections so a parser reads the text back whole', () => {
    const nasty = 'a ]]> b ]]]]> c';
    const xml = `<x>${cdata(nasty)}</x>`;
    expect(xml).toBe('<x><![CDATA[a ]]]]><![CDATA[> b ]]]]]]><![CDATA[> c]]></x>');
    expect(parseXml(xml).text).toBe(nasty);
  });

  it('drops characters XML 1.0 cannot carry and keeps tabs, line breaks and astral characters', () => {
    const text = 'bell\u0007 nul\u0000 esc\u001b tab\t nl\n cr\r fffe\uFFFE lone\uD800 emoji 🌊';
    expect(parseXml(`<x>${cdata(text)}</x>`).text).toBe('bell nul esc tab\t nl\n cr\r fffe lone emoji 🌊');
  });
});

describe('dates', () => {
  it("writes post_date in the site's zone and post_date_gmt in UTC, as MySQL DATETIME", () => {
    expect(wpDate('2025-07-01T10:15:30.000Z', 'Europe/Oslo')).toBe('2025-07-01 12:15:30');
    expect(wpDate('2025-01-01T10:15:30.000Z', 'Europe/Oslo')).toBe('2025-01-01 11:15:30');
    expect(wpDate('2025-01-01T10:15:30.000Z')).toBe('2025-01-01 10:15:30');
    expect(wpDate('2025-01-01T10:15:30.000Z', 'Not/AZone')).toBe('2025-01-01 10:15:30');
  });

  it('gives the zero date and an empty pubDate for a draft never dated, as WordPress', () => {
    expect(wpDate(null)).toBe(ZERO_DATE);
    expect(rssDate(null)).toBe('');
    expect(rssDate('2025-03-22T07:05:00.000Z')).toBe('Sat, 22 Mar 2025 07:05:00 +0000');
  });
});

describe('exportFileName', () => {
  it("is WordPress's <sanitize_key(site name)>.WordPress.<date>.xml", () => {
    const now = new Date('2026-11-30T23:59:00Z');
    expect(exportFileName('Harbour Notes', now)).toBe('harbournotes.WordPress.2026-11-30.xml');
    expect(exportFileName('Ünïcode "Blog"; x=1', now)).toBe('ncodeblogx1.WordPress.2026-11-30.xml');
    expect(exportFileName('日本', now)).toBe('WordPress.2026-11-30.xml');
  });
});

describe('phpSerialize', () => {
  it('counts string lengths in UTF-8 bytes, as PHP does', () => {
    expect(phpSerialize({ width: 800, file: '2025/03/café.png', sizes: {} })).toBe('a:3:{s:5:"width";i:800;s:4:"file";s:17:"2025/03/café.png";s:5:"sizes";a:0:{}}');
  });
});
