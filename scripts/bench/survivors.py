#!/usr/bin/env python3
"""What a young collection kept: the objects in G1's survivor regions of a heap dump, by class, and who
holds the large arrays among them. Reads a dump of the whole heap (garbage included) and the region list
that jhsdb's clhsdb printed in the same stop of the process (g1regiondetails, then dumpheap): the survivor
regions hold exactly what the last young collection copied. Run by scripts/bench/survivors.sh.

Usage: survivors.py HEAP.hprof REGIONS.txt [classes to list, default 40]
"""
import bisect
import collections
import re
import struct
import sys

hprof, regions_file = sys.argv[1], sys.argv[2]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 40


def regions(kinds):
    found = []
    for line in open(regions_file):
        m = re.match(r'Region: 0x([0-9a-f]+),0x([0-9a-f]+),0x([0-9a-f]+):(\w+)', line)
        if m and m.group(4) in kinds:
            found.append((int(m.group(1), 16), int(m.group(3), 16)))  # from the bottom to the top of what is used
    found.sort()
    return found, [r[0] for r in found]


SURVIVOR = regions({'Survivor'})
KEPT = regions({'Survivor', 'Old', 'StartsHumongous', 'ContinuesHumongous'})  # not eden: eden's dead refer too


def inside(where, address):
    spans, starts = where
    i = bisect.bisect_right(starts, address) - 1
    return i >= 0 and address < spans[i][1]


SIZE = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # HPROF basic types; 2 is a reference
PRIMITIVE = {4: 'Z', 5: 'C', 6: 'F', 7: 'D', 8: 'B', 9: 'S', 10: 'I', 11: 'J'}
data = open(hprof, 'rb').read()
p = data.index(b'\0') + 1
if struct.unpack('>I', data[p:p + 4])[0] != 8:
    sys.exit('expects 8-byte identifiers')
p += 12
names, class_names, class_fields = {}, {}, {}
instances, object_arrays = [], []          # in survivor or old regions: (address, class, offset[, length])
arrays = {}                                # survivor primitive arrays: address -> (bytes, kind)
while p < len(data):
    tag = data[p]
    end = p + 9 + struct.unpack('>I', data[p + 5:p + 9])[0]
    p += 9
    if tag == 0x01:
        names[struct.unpack('>Q', data[p:p + 8])[0]] = data[p + 8:end].decode('utf-8', 'replace')
    elif tag == 0x02:
        _, cid, _, sid = struct.unpack('>IQIQ', data[p:p + 24])
        class_names[cid] = names.get(sid, '?')
    elif tag in (0x0C, 0x1C):
        q = p
        while q < end:
            sub = data[q]
            q += 1
            if sub == 0xFF:
                q += 8
            elif sub in (0x01, 0x02, 0x03, 0x08):
                q += 16
            elif sub in (0x04, 0x06):
                q += 12
            elif sub in (0x05, 0x07):
                q += 8
            elif sub == 0x20:
                cid, superclass = struct.unpack('>Q', data[q:q + 8])[0], struct.unpack('>Q', data[q + 12:q + 20])[0]
                q += 8 + 4 + 8 * 6 + 4
                count = struct.unpack('>H', data[q:q + 2])[0]   # the constant pool: index, type, value
                q += 2
                for _ in range(count):
                    q += 3 + SIZE[data[q + 2]]
                count = struct.unpack('>H', data[q:q + 2])[0]   # the statics: name, type, value
                q += 2
                for _ in range(count):
                    q += 9 + SIZE[data[q + 8]]
                fields = []
                count = struct.unpack('>H', data[q:q + 2])[0]
                q += 2
                for _ in range(count):
                    fid, t = struct.unpack('>QB', data[q:q + 9])
                    q += 9
                    fields.append((t, names.get(fid, '?')))
                class_fields[cid] = (superclass, fields)
            elif sub == 0x21:
                address, _, cid, length = struct.unpack('>QIQI', data[q:q + 24])
                q += 24
                if inside(KEPT, address):
                    instances.append((address, cid, q))
                q += length
            elif sub == 0x22:
                address, _, count, cid = struct.unpack('>QIIQ', data[q:q + 24])
                q += 24
                if inside(KEPT, address):
                    object_arrays.append((address, cid, q, count))
                q += count * 8
            elif sub == 0x23:
                address, _, count, t = struct.unpack('>QIIB', data[q:q + 17])
                q += 17
                if inside(SURVIVOR, address):
                    arrays[address] = (count * SIZE[t], PRIMITIVE[t])
                q += count * SIZE[t]
            else:
                sys.exit('unknown heap dump record %x' % sub)
    p = end

layouts = {}


def fields_of(cid):
    if cid not in layouts:
        out, c = [], cid
        while c and c in class_fields:
            out.extend(class_fields[c][1])
            c = class_fields[c][0]
        layouts[cid] = out
    return layouts[cid]


def align(n):
    return (n + 7) & ~7


def short(name):
    return name.split('/')[-1]


histogram, counts = collections.Counter(), collections.Counter()
for address, (size, kind) in arrays.items():
    histogram['[' + kind] += align(16 + size)
    counts['[' + kind] += 1
holder = {}  # survivor array -> (holder address, holder's class.field)
for address, cid, q in instances:
    name = class_names.get(cid, '?')
    survivor = inside(SURVIVOR, address)
    if survivor:
        histogram[name] += align(12 + sum(4 if t == 2 else SIZE[t] for t, _ in fields_of(cid)))
        counts[name] += 1
    for t, field in fields_of(cid):
        if t == 2:
            value = struct.unpack('>Q', data[q:q + 8])[0]
            if value in arrays:
                holder[value] = (address, short(name) + '.' + field)
        q += SIZE[t]
for address, cid, q, count in object_arrays:
    if inside(SURVIVOR, address):
        histogram['[' + class_names.get(cid, '?')] += align(16 + 4 * count)
        counts['[' + class_names.get(cid, '?')] += 1
total = sum(histogram.values())
print('survivor regions: %d, objects: %d, %.1f MB (sizes with compressed references)' % (
    len(SURVIVOR[0]), sum(counts.values()), total / 1e6))
for name, size in histogram.most_common(top):
    print('%7.2f MB %5.1f %% %8d  %s' % (size / 1e6, 100 * size / total, counts[name], name))

# who holds the survivor arrays: their holder, and the holder's holder
holders_of = {a for a, _ in holder.values()}
above = {}
for address, cid, q in instances:
    for t, field in fields_of(cid):
        if t == 2:
            value = struct.unpack('>Q', data[q:q + 8])[0]
            if value in holders_of:
                above[value] = short(class_names.get(cid, '?')) + '.' + field
        q += SIZE[t]
chains, chain_counts = collections.Counter(), collections.Counter()
for address, (size, kind) in arrays.items():
    h = holder.get(address)
    chain = '[' + kind + (' <- ' + h[1] + (' <- ' + above[h[0]] if h[0] in above else '') if h else ' <- (an object array, a root or eden)')
    chains[chain] += size
    chain_counts[chain] += 1
print('\nsurvivor primitive arrays by holder:')
for chain, size in chains.most_common(15):
    print('%7.2f MB %8d  %s' % (size / 1e6, chain_counts[chain], chain))
