#!/usr/bin/env python3
"""Merges keys into bench/results.json (keeps the other keys). Usage: results.py FILE.json-with-new-keys"""
import json, os, sys

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'results.json')


def merge(new, command=None):
    """Adds or replaces the keys of `new`; when `command` is given, records it under "commands" for each headline key
    (a number), so that every number in results.json says which command produced it."""
    try:
        with open(RESULTS) as f:
            data = json.load(f)
    except FileNotFoundError:
        data = {}
    data.update(new)
    if command:
        commands = data.setdefault('commands', {})
        for key, value in new.items():
            if isinstance(value, (int, float)):
                commands[key] = command
    with open(RESULTS, 'w') as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    with open(sys.argv[1]) as f:
        merge(json.load(f))
