import type { Dispatch, SetStateAction } from 'react';

/** The props of a text or select input bound to one key of a form's values, with its message. */
export function bindField<T extends Record<string, string>>(values: T, setValues: Dispatch<SetStateAction<T>>, message: (name: keyof T) => string | undefined) {
  return (name: keyof T) => ({
    value: values[name],
    error: message(name),
    onChange: (event: { currentTarget: { value: string } }) => {
      // Read now: React clears the event's target once the handler has returned.
      const value = event.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });
}
