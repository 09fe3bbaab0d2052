import { booksStore } from '@chophien/db';
import { services } from '../shared/services.ts';

let built: ReturnType<typeof build> | undefined;

function build() {
  const { db, users } = services();
  return { ...booksStore(db), users, clock: { now: () => new Date() } };
}

/** The books area's adapters, built once per container. */
export const booksServices = () => {
  built ??= build();
  return built;
};
