// The pure SSRF guard: every special-purpose range refused, IPv4 hidden in IPv6 judged by its IPv4 address,
// public unicast allowed (protocols §6.3, wordpress-behaviour §4.3).
import { describe, expect, it } from 'vitest';
import { addressPolicy, blockedReason, literalAddress, parseIPv6 } from '../../src/net/address-guard.js';

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['10.0.0.1', 'private'], ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.169.254', 'cloud metadata'], ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'], ['100.127.255.255', 'carrier-grade NAT'], ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'], ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'], ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'], ['192.0.0.8', 'IETF protocol assignments'],
  ])('refuses IPv4 %s (%s)', (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason);
  });

  it.each([
    ['::1', 'loopback'], ['::', 'unspecified'], ['fe80::1', 'link-local'], ['febf::1', 'link-local'], ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'], ['fd00:ec2::254', 'cloud metadata'], ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'], ['::ffff:7f00:1', 'IPv4-mapped loopback'], ['::ffff:a9fe:a9fe', 'IPv4-mapped cloud metadata'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private'], ['::127.0.0.1', 'IPv4-compatible loopback'], ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['64:ff9b::10.0.0.1', 'NAT64 private'], ['2002:7f00:1::', '6to4 loopback'], ['2002:a9fe:a9fe::1', '6to4 cloud metadata'],
    ['2001:0:4136:e378::1', 'Teredo'], ['[::1]', 'loopback'],
  ])('refuses IPv6 %s (%s)', (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.15.255.255', '172.32.0.1', '100.128.0.1', '169.253.255.255', '2606:4700::6810:84e5',
    '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1',
    // Documentation and benchmarking ranges name no private network; lab networks use them for real hosts.
    '192.0.2.5', '198.51.100.7', '203.0.113.9', '198.18.0.1', '2001:db8::1'])('allows public %s', (ip) => {
    expect(blockedReason(ip)).toBeNull();
  });

  it('refuses what is not an IP address at all', () => {
    expect(blockedReason('example.com')).toBe('not an IP address');
    expect(blockedReason('1.2.3')).toBe('not an IP address');
  });
});

describe('parseIPv6', () => {
  it('expands compressed forms and dotted tails to eight groups', () => {
    expect(parseIPv6('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIPv6('1:2:3:4:5:6:7::')).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
    expect(parseIPv6('[fe80::1%25eth0]')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('1::2::3')).toBeNull();
  });
});

describe('literalAddress', () => {
  it('finds IP literals among URL hostnames after WHATWG normalisation', () => {
    for (const u of ['http://127.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://017700000001/']) {
      expect(literalAddress(new URL(u).hostname)).toBe('127.0.0.1');
    }
    expect(literalAddress(new URL('http://[::ffff:127.0.0.1]/').hostname)).toBe('::ffff:7f00:1');
    expect(literalAddress('example.com')).toBeNull();
  });
});

describe('addressPolicy', () => {
  it('lifts the guard entirely when private addresses are allowed', () => {
    expect(addressPolicy(true)('127.0.0.1', 80)).toBeNull();
  });
  it('allows only the exact ip:port pairs it was given', () => {
    const policy = addressPolicy(false, ['127.0.0.1:4000', '[::1]:4001']);
    expect(policy('127.0.0.1', 4000)).toBeNull();
    expect(policy('::1', 4001)).toBeNull();
    expect(policy('127.0.0.1', 4001)).toBe('loopback');
    expect(policy('127.0.0.1', null)).toBe('loopback');
  });
});
