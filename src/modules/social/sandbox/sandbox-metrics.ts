import { createHash } from 'node:crypto';

/**
 * Stable, plausible numbers for sandbox posts and accounts: derived from the id, so a post
 * shows the same figures on every fetch and tests can compare them with what was stored.
 */
export function sandboxFigure(id: string, name: string, min: number, max: number): number {
  const digest = createHash('sha256').update(`${id}:${name}`).digest();
  return min + (digest.readUInt32BE(0) % (max - min + 1));
}

export function sandboxPostFigures(id: string) {
  const impressions = sandboxFigure(id, 'impressions', 300, 4000);
  const reach = Math.round(impressions * (0.55 + sandboxFigure(id, 'reach', 0, 30) / 100));
  const likes = Math.round(impressions * (sandboxFigure(id, 'likes', 2, 9) / 100));
  const comments = sandboxFigure(id, 'comments', 0, 25);
  const shares = sandboxFigure(id, 'shares', 0, 30);
  const clicks = sandboxFigure(id, 'clicks', 5, 160);
  const saves = sandboxFigure(id, 'saves', 0, 40);
  return { impressions, reach, likes, comments, shares, clicks, saves };
}
