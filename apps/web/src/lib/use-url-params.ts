import { useSearchParams } from 'react-router-dom';

/**
 * The page's search parameters and a setter that changes some of them (an empty or undefined
 * value removes the parameter), replacing the history entry: filters and tabs live in the URL.
 */
export function useUrlParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const setParams = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearchParams(next, { replace: true });
  };
  return { searchParams, setSearchParams, setParams };
}
