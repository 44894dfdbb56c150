import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPreview, previewAtWork } from '../../../src/renderer/preview-first';

describe('the preview goes first', () => {
  afterEach(() => vi.useRealTimers());

  it('the fact list updates at once when no preview is at work', async () => {
    let updated = false;
    await afterPreview().then(() => (updated = true));
    expect(updated).toBe(true);
  });

  it('the fact list waits for a preview started in the same change, and updates when its pages are on screen', async () => {
    vi.useFakeTimers();
    let updated = false;
    const waiting = afterPreview(250).then(() => (updated = true));
    // The preview's effect runs after the list's, in the same round.
    const finished = previewAtWork();
    await vi.advanceTimersByTimeAsync(100);
    expect(updated).toBe(false);
    finished();
    await waiting;
    expect(updated).toBe(true);
  });

  it('a slow preview holds the fact list back no longer than the limit', async () => {
    vi.useFakeTimers();
    const finished = previewAtWork();
    let updated = false;
    const waiting = afterPreview(250).then(() => (updated = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(updated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(updated).toBe(true);
    finished();
  });

  it('overlapping previews hold the list until the last one ends; ending one twice counts once', async () => {
    const first = previewAtWork();
    const second = previewAtWork();
    let updated = false;
    const waiting = afterPreview(10_000).then(() => (updated = true));
    first();
    first();
    await Promise.resolve();
    await Promise.resolve();
    expect(updated).toBe(false);
    second();
    await waiting;
    expect(updated).toBe(true);
  });
});
