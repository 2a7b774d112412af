// The message a call throws, or 'no error': lets a test compare error lines with toBe / toMatch.
export const errorOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};
