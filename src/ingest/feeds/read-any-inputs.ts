/**
 * The file door with feeds and URLs: each argument goes to readFeedInputs when isFeedOrUrl
 * says so, else to readInputs (files, directories, JSONL, stdin); results keep argument order
 * and ids are made unique over the whole batch. One SafeFetcher serves every URL, so robots.txt
 * is fetched once per host and the per-host limit holds across arguments.
 */
import { uniqueIds } from "../../ids.js";
import type { InputError, RawInput } from "../../model.js";
import { SafeFetcher, type SafeFetchOptions } from "../fetch/safe-fetch.js";
import { type ReadOptions, readInputs } from "../read-inputs.js";
import { isFeedOrUrl, readFeedInputs } from "./read-feed-inputs.js";

export interface AnyReadOptions extends ReadOptions {
  /** Options of the fetcher made for URLs (e.g. { allowPrivate: true } for --allow-private). */
  fetch?: SafeFetchOptions;
  /** Fetch the page of teaser-only feed items (default true). */
  fetchPages?: boolean;
}

export async function readAnyInputs(
  args: readonly string[],
  options: AnyReadOptions = {},
): Promise<{ inputs: RawInput[]; errors: InputError[] }> {
  const fetcher = new SafeFetcher(options.fetch);
  const inputs: RawInput[] = [];
  const errors: InputError[] = [];
  for (const arg of args) {
    const read =
      arg !== "-" && isFeedOrUrl(arg)
        ? await readFeedInputs(arg, { fetcher, fetchPages: options.fetchPages })
        : await readInputs([arg], options);
    inputs.push(...read.inputs);
    errors.push(...read.errors);
  }
  const { ids, renamed } = uniqueIds(inputs.map((i) => i.id));
  inputs.forEach((input, i) => {
    if (input.id === ids[i]) return;
    input.id = ids[i];
    const diagnostic = renamed.get(i);
    if (diagnostic) (input.diagnostics ??= []).push(diagnostic);
  });
  return { inputs, errors };
}
