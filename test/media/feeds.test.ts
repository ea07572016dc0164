// Issue 14 point 6: feeds carry the featured image and an enclosure for the audio and video a post links
// to, so podcast apps work as with WordPress; the inserted image's srcset is absolute in the feed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { createPost } from '../../src/posts/service.js';
import { xmlError } from '../support/xml.js';
import { png, upload } from './helpers.js';

/** An MP3 as its first bytes say: an ID3v2 tag header, then frame data. */
const mp3 = () => Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(5000, 0xaa)]);

describe('feeds with media', () => {
  let t: TestApp;
  let dir: string;
  let author: SignedIn;
  let episode: Record<string, any>;
  let cover: Record<string, any>;
  let inserted: Record<string, any>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-media-feeds-'));
    t = await createTestApp({ dataDir: dir });
    const user = await createUser(t.ctx, 'author');
    author = await signIn(t, user);
    episode = (await upload(t, author, 'episode-1.mp3', mp3())).json();
    cover = (await upload(t, author, 'cover.png', await png(1200, 1200))).json();
    inserted = (await upload(t, author, 'inline.png', await png(800, 400))).json();
    await t.app.worker.runUntilIdle();
    const result = await createPost(t.ctx, user, {
      title: 'Episode 1',
      content: `<p>Listen:</p>${episode.html}<p>${inserted.html}</p>`,
      status: 'published',
      featuredMediaId: cover.id,
    });
    expect(result.ok).toBe(true);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('RSS: an <enclosure> for the audio, media:content and an <img> for the featured image, absolute srcset', async () => {
    const res = await t.app.inject({ url: '/feed/' });
    expect(xmlError(res.body)).toBeNull();
    const $ = cheerio.load(res.body, { xml: true });
    const enclosure = $('item enclosure');
    expect(enclosure.length).toBe(1);
    expect(enclosure.attr('url')).toBe(`http://blog.test${episode.url}`);
    expect(enclosure.attr('type')).toBe('audio/mpeg');
    expect(enclosure.attr('length')).toBe(String(mp3().length));
    const media = $('item media\\:content');
    expect(media.attr('url')).toMatch(/^http:\/\/blog\.test\/uploads\/.+-1024x1024\.png$/);
    expect([media.attr('width'), media.attr('height'), media.attr('medium')]).toEqual(['1024', '1024', 'image']);
    const html = cheerio.load($('item content\\:encoded').text());
    expect(html('img').first().attr('src')).toBe(media.attr('url'));
    expect(html('img').last().attr('srcset')).toMatch(/^http:\/\/blog\.test\/uploads\/\S+-300x150\.png 300w, http:\/\/blog\.test\/uploads\/\S+\.png 800w$/);
    expect(html('audio').attr('src')).toBe(`http://blog.test${episode.url}`);
  });

  it('Atom: a rel="enclosure" link for the audio', async () => {
    const res = await t.app.inject({ url: '/feed/atom/' });
    expect(xmlError(res.body)).toBeNull();
    const $ = cheerio.load(res.body, { xml: true });
    const link = $('entry link[rel="enclosure"]');
    expect([link.attr('href'), link.attr('type'), link.attr('length')]).toEqual([`http://blog.test${episode.url}`, 'audio/mpeg', String(mp3().length)]);
  });
});
