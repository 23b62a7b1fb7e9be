#!/usr/bin/env python3
"""Merges keys into bench/results.json (keeps the other keys). Usage: results.py FILE.json-with-new-keys"""
import json, os, sys

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'results.json')


def load():
    try:
        with open(RESULTS) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def merge(new, command=None):
    """Adds or replaces the keys of `new`; when `command` is given, each headline key (a number) also gets
    `<key>_command`, so that every number in results.json says which command produced it."""
    data = load()
    data.update(new)
    if command:
        data.update({key + '_command': command for key, value in new.items() if isinstance(value, (int, float))})
    with open(RESULTS, 'w') as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    with open(sys.argv[1]) as f:
        merge(json.load(f))
