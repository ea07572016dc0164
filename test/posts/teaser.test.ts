import { describe, expect, it } from 'vitest';
import { teaser } from '../../src/posts/public-service.js';

describe('teaser', () => {
  it('keeps everything when there is no more tag', () => {
    expect(teaser('<p>All</p>')).toEqual({ html: '<p>All</p>', hasMore: false, moreText: '' });
  });
  it('cuts at <!--more--> and closes what was left open', () => {
    expect(teaser('<p>Intro <!--more--> rest</p>')).toEqual({ html: '<p>Intro </p>', hasMore: true, moreText: 'Continue reading' });
  });
  it('uses the more tag text as the link text', () => {
    expect(teaser('<p>a</p><!--more Read the rest--><p>b</p>').moreText).toBe('Read the rest');
  });
});
