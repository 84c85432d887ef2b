#!/usr/bin/env python3
"""Sums async-profiler's collapsed stacks (with `total` and `threads`): the whole, the share per ticket and
the largest parts, by thread, by what was allocated (alloc) or the library at work (itimer), and by the
deepest frame of Switchboard's own code.

Usage: collapsed.py FILE alloc|itimer TICKETS
"""
import collections
import re
import sys


def main(path, event, tickets):
    total = 0
    threads = collections.Counter()
    leaves = collections.Counter()
    ours = collections.Counter()
    for line in open(path):
        stack, _, value = line.rstrip().rpartition(' ')
        value = int(value)
        frames = stack.split(';')
        total += value
        threads[re.sub(r'\d+', 'N', frames[0])] += value
        if event == 'alloc':
            leaves[frames[-1].removesuffix('_[i]').removesuffix('_[k]')] += value
        else:
            leaves[library(frames)] += value
        own = next((f for f in reversed(frames) if f.startswith('dev/switchboard/')), '(none)')
        ours[own.removeprefix('dev/switchboard/')] += value
    if event == 'alloc':
        print(f'allocated: {total / 1e6:.0f} MB, {total / tickets / 1e3:.1f} KB a ticket ({tickets} tickets)')
    else:
        print(f'CPU: {total / 1e9:.2f} s, {total / tickets / 1e6:.3f} ms a ticket ({tickets} tickets)')
    for title, counter in (('by thread', threads), ('allocated class' if event == 'alloc' else 'library at work', leaves),
                           ('deepest frame of our own code', ours)):
        print(f'-- {title}')
        for name, value in counter.most_common(15):
            print(f'{100 * value / total:5.1f}%  {name}')


def library(frames):
    """The package (three levels) of the deepest frame outside the JDK, or the native frame at the top."""
    for frame in reversed(frames[1:]):
        if frame.startswith(('java/', 'jdk/', 'sun/', '[')) or '::' in frame:
            continue
        return '/'.join(frame.replace('.', '/').split('/')[:3])
    return '(JVM or kernel) ' + frames[-1][:60]


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
