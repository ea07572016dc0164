// Media across instances (issue 14, "two instances on PostgreSQL: an image uploaded on one is served by the
// other"): the storage is the database on PostgreSQL and the shared data folder on SQLite, so any instance
// serves what another stored.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstances, type Instances } from '../support/instances.js';
import { createUser } from '../support/app.js';
import { decodeMethodResponse, encodeMethodCall } from '../../src/xmlrpc/codec.js';
import { png } from '../media/helpers.js';

describe('media on two instances of one database', () => {
  let n: Instances;
  beforeAll(async () => {
    n = await createInstances(2);
  });
  afterAll(() => n.close());

  it('serves from one instance an image uploaded through the other', async () => {
    const user = await createUser(n.ctxs[0], 'admin', 'uploader');
    const call = encodeMethodCall('wp.uploadFile', [1, user.username, user.password, { name: 'shared.png', type: 'image/png', bits: await png(400, 300) }]);
    const res = await n.apps[0].inject({ method: 'POST', url: '/xmlrpc', headers: { 'content-type': 'text/xml' }, payload: call });
    const answer = await decodeMethodResponse(res.body);
    if (answer.fault) throw new Error(`wp.uploadFile faulted: ${answer.fault.message}`);
    const path = new URL((answer.value as { url: string }).url).pathname;
    expect(path).toMatch(/^\/uploads\/\d{4}\/\d{2}\/[^/]+\.png$/);

    const served = await n.apps[1].inject({ method: 'GET', url: path });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    const meta = await sharp(served.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 400, 300]);
    // And a name nobody stored is a 404 on either instance, not a file from somewhere else.
    expect((await n.apps[1].inject({ method: 'GET', url: path.replace(/\.png$/, '-missing.png') })).statusCode).toBe(404);
  });
});
