// What is known of each unit: claimed by the combination compiled for it, then passed or failed with
// the errors reported in the file it checks. A combination fails exactly when one of its units does.
import type { Unit } from './file-units.js';
import { tscMessages, type TscMessage } from './tsc-output.js';

interface Verdict {
  checked: boolean;
  errors: string[];
}

/** A unit owning some lines of a file gets the messages on them, and those on lines no unit owns. */
function messagesOf(unit: Unit, units: readonly Unit[], messages: readonly TscMessage[]): TscMessage[] {
  if (!unit.lines) return [...messages];
  const owned = new Set(units.filter((other) => other.path === unit.path).flatMap((other) => other.lines ?? []));
  return messages.filter((message) => unit.lines!.includes(message.line) || !owned.has(message.line));
}

export class UnitVerdicts {
  readonly #verdicts = new Map<string, Verdict>();

  get size(): number {
    return this.#verdicts.size;
  }

  /** Claims the units not seen before; true when there is one, so the combination must be compiled. */
  claimNew(units: readonly Unit[]): boolean {
    const fresh = units.filter((unit) => !this.#verdicts.has(unit.hash));
    for (const unit of fresh) this.#verdicts.set(unit.hash, { checked: false, errors: [] });
    return fresh.length > 0;
  }

  /** A compiled combination's verdict: the error lines of its own check, paths relative to the project. */
  record(units: readonly Unit[], errors: readonly string[], origin: string): void {
    const messages = tscMessages(errors);
    const everywhere = messages.filter((message) => message.file === '');
    for (const unit of units) {
      const inFile = messages.filter((message) => message.file === unit.path);
      const found = [...everywhere, ...messagesOf(unit, units, inFile)].flatMap((message) => message.text);
      const known = this.#verdicts.get(unit.hash);
      if (known?.checked && known.errors.length > 0 !== found.length > 0) {
        // Two compilations of one unit disagree: the unit key missed something the compiler reads.
        known.errors.push(`${unit.path}: checked twice with different verdicts (in ${origin}): the matrix's unit key is unsound`);
        continue;
      }
      if (known?.checked) continue;
      this.#verdicts.set(unit.hash, { checked: true, errors: found.length > 0 ? [`(compiled as: create-groundwork app ${origin})`, ...found] : [] });
    }
  }

  /** Every error of the given units; a unit never compiled is an error too, never a pass. */
  errorsOf(hashes: readonly string[]): string[] {
    const errors = hashes.flatMap((hash) => {
      const verdict = this.#verdicts.get(hash);
      return verdict?.checked ? verdict.errors : [`unit ${hash} was never compiled`];
    });
    return [...new Set(errors)];
  }
}
