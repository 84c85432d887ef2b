#!/usr/bin/env python3
"""Writes src/main/resources/triage/tone.csv: the labeled examples the tone model is trained on at start.

Each tone has 25 phrasings, each filled with 6 of 12 ticket subjects (seeded): 450 rows. Run from the
repository root; the output is committed, so this runs only when the phrasings change.
"""
import csv
import random

random.seed(5)
CONTEXTS = ["my order", "the app", "my account", "the invoice", "our dashboard", "the delivery", "my card",
            "the login page", "the export", "your support", "the new release", "the payment"]
NEGATIVE = ["this is unacceptable", "i am furious about {c}", "{c} is a disaster", "urgent: {c} is broken",
            "asap please, {c} is blocking us", "we are losing money because of {c}", "this is the third time {c} failed",
            "extremely frustrated with {c}", "{c} is completely useless", "i will cancel if {c} is not fixed today",
            "critical: {c} stopped working", "emergency, {c} is down", "terrible experience with {c}",
            "{c} is ruining my day", "angry about {c}", "we need this fixed immediately",
            "nobody answers and {c} is still broken", "worst service ever, {c} again", "i demand a refund for {c}",
            "production is blocked by {c}", "horrible, {c} lost all my data", "this is urgent",
            "please respond right now, {c} is failing", "i am very disappointed with {c}",
            "{c} keeps crashing and i am fed up"]
POSITIVE = ["thanks a lot for {c}", "love {c}, great work", "{c} works perfectly now",
            "just a small note about {c}, no rush", "great job on {c}", "really happy with {c}",
            "thank you so much, {c} is fixed", "no hurry, whenever you have time", "appreciate the quick help with {c}",
            "{c} is awesome", "kudos to the team for {c}", "wonderful support on {c}",
            "low priority, just curious about {c}", "all good now with {c}, thanks", "you are amazing, {c} is great",
            "happy customer here, {c} is lovely", "delighted with {c}", "cheers, {c} looks fantastic", "{c} made my day",
            "thank you for the fast answer about {c}", "excellent, {c} is exactly what we needed", "much appreciated",
            "not urgent at all, {c} question", "brilliant work on {c}", "{c} is so much better now, thanks"]
NEUTRAL = ["i have a question about {c}", "how do i change {c}", "where can i find {c}", "please update {c}",
           "can you check {c}", "i would like to know the status of {c}", "{c} shows a different number than expected",
           "could you send me details on {c}", "what are the options for {c}", "i need to update {c}",
           "is it possible to move {c}", "the number on {c} does not match", "please confirm {c}",
           "i want to change {c}", "can someone look at {c}", "{c} was updated yesterday", "what is the limit for {c}",
           "how long does {c} take", "i noticed something about {c}", "please advise on {c}",
           "my colleague asked about {c}", "{c} needs a new address", "when will {c} be available",
           "i am writing about {c}", "regarding {c}"]

rows = []
for label, phrases in [("negative", NEGATIVE), ("positive", POSITIVE), ("neutral", NEUTRAL)]:
    for phrase in phrases:
        for context in random.sample(CONTEXTS, 6):
            rows.append((phrase.format(c=context), label))
random.shuffle(rows)
with open("src/main/resources/triage/tone.csv", "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["text", "tone"])
    writer.writerows(rows)
