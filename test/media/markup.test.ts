// Issue 14 point 2 with a camera-sized photo: the srcset lists the sizes and, with WebP on, a WebP copy of the
// whole picture scaled to WordPress's 2560 px threshold (never a full-size 6000 px WebP); the job's plan
// names exactly the files the markup links to.
import { describe, expect, it } from 'vitest';
import type { Media } from '../../src/db/schema.js';
import { defaultSettings } from '../../src/settings/definitions.js';
import { candidates, imageTag } from '../../src/media/markup.js';
import { plannedFiles } from '../../src/media/sizes-job.js';

const photo = { id: 1, path: '2026/11/abc.jpg', mime: 'image/jpeg', kind: 'image', width: 6000, height: 4500, alt: 'A hill', title: 'Hill', state: 'ready' } as Media & { width: number; height: number };

describe('image markup for a large photo', () => {
  it('serves the JPEG sizes and the original without WebP', () => {
    expect(candidates(photo, defaultSettings).map((c) => c.url)).toEqual(['/uploads/2026/11/abc-300x225.jpg', '/uploads/2026/11/abc-1024x768.jpg', '/uploads/2026/11/abc.jpg']);
    expect(imageTag(photo, defaultSettings)).toMatch(/^<img src="\/uploads\/2026\/11\/abc-1024x768\.jpg" alt="A hill" width="1024" height="768" srcset="[^"]+" sizes="\(max-width: 1024px\) 100vw, 1024px" loading="lazy">$/);
  });

  it('with WebP on, links the 2560 px WebP copy the job makes, and the job makes nothing the page does not link to but the thumbnail', () => {
    const settings = { ...defaultSettings, media_webp: true };
    const urls = candidates(photo, settings).map((c) => `${c.url} ${c.width}x${c.height}`);
    expect(urls).toEqual(['/uploads/2026/11/abc-300x225.webp 300x225', '/uploads/2026/11/abc-1024x768.webp 1024x768', '/uploads/2026/11/abc-2560x1920.webp 2560x1920']);
    const planned = plannedFiles(photo, settings, '/tmp/x').filter((p) => p.format === 'webp');
    expect(planned.map((p) => [p.variant, p.key])).toEqual([
      ['thumbnail-webp', '2026/11/abc-150x150.webp'],
      ['medium-webp', '2026/11/abc-300x225.webp'],
      ['large-webp', '2026/11/abc-1024x768.webp'],
      ['scaled-webp', '2026/11/abc-2560x1920.webp'],
    ]);
  });
});
