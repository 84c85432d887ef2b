#!/usr/bin/env python3
"""Interval by interval, what the server's meters (read by timeline.sh) say changed: young pauses, the redo
log's checkpoints and the time changes waited at them, CPU use (the machine's, the server's; 0 to 1),
intake's and routing's commits (how many, how many over 10 ms; routing's changes a commit) and the
pushes (how many, how many over 25 ms after their ticket was accepted). Seconds from the run's start.

Usage: timeline.py METERS_FILE RUN_START_UPTIME
"""
import re
import sys

LINE = re.compile(r'(\w+)(?:\{(.*)\})? (\S+)')


def snapshots(path):
    """The meters at each read: {'t': uptime, name: value, (bucket name, le): count}."""
    snaps = []
    for line in open(path):
        if line.startswith('T '):
            snaps.append({'t': float(line.split()[1])})
            continue
        match = LINE.match(line)
        if not match or not snaps:
            continue
        name, labels, value = match.group(1), match.group(2) or '', float(match.group(3))
        if name.endswith('_bucket'):
            snaps[-1][(name, float(re.search(r'le="([^"]+)"', labels).group(1)))] = value
        elif name.startswith('jvm_gc_pause'):
            if 'Evacuation' in labels:  # the young collections
                snaps[-1][name] = snaps[-1].get(name, 0) + value
        else:
            snaps[-1][name] = value
    return snaps


def over(snap, histogram, seconds):
    """How many of a histogram's samples so far took longer than `seconds`, and how many in all."""
    buckets = {key[1]: n for key, n in snap.items() if isinstance(key, tuple) and key[0] == histogram}
    if not buckets:
        return 0, 0
    total = max(buckets.values())
    within = [le for le in buckets if le <= seconds]
    return total - (buckets[max(within)] if within else 0), total


def between(a, b, histogram, seconds):
    """Samples a histogram took between two reads: how many in all, and how many longer than `seconds`."""
    slow_a, all_a = over(a, histogram, seconds)
    slow_b, all_b = over(b, histogram, seconds)
    return all_b - all_a, slow_b - slow_a


def main(path, start):
    snaps = snapshots(path)
    print('     s  gc  ms | ckpt  ms | cpu  server | intake >10ms | routing >10ms changes | pushed >25ms')
    for a, b in zip(snaps, snaps[1:]):
        diff = lambda name: b.get(name, 0) - a.get(name, 0)
        row = f"{b['t'] - start:6.1f} {diff('jvm_gc_pause_seconds_count'):3.0f} {diff('jvm_gc_pause_seconds_sum') * 1000:3.0f}"
        row += f" | {diff('switchboard_store_redo_checkpoints_seconds_count'):4.0f}"
        row += f" {diff('switchboard_store_redo_checkpoints_seconds_sum') * 1000:3.0f}"
        row += f" | {b.get('system_cpu_usage', 0):4.2f} {b.get('process_cpu_usage', 0):5.2f}"
        for stage in ('intake', 'routing'):
            row += ' | %6.0f %5.0f' % between(a, b, f'switchboard_{stage}_commit_seconds_bucket', 0.010)
        commits = diff('switchboard_routing_commit_changes_count')
        row += f" {diff('switchboard_routing_commit_changes_sum') / commits if commits else 0:7.1f}"
        row += ' | %6.0f %5.0f' % between(a, b, 'switchboard_routing_accepted_to_pushed_seconds_bucket', 0.025)
        print(row)


if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]))
