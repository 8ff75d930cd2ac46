/** TODO(owner helper): custom functions' logic (single value or 2-D range). */
export function ROADMAP_DEADLINE(_text: unknown, _year?: unknown): unknown { throw new Error('ещё не реализовано'); }
export function ROADMAP_STATUS(_deadline: unknown, _status: unknown, _today?: unknown, _timeZone?: string): unknown { throw new Error('ещё не реализовано'); }
export function RISK_LEVEL(_score: unknown): unknown { throw new Error('ещё не реализовано'); }
