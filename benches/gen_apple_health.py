#!/usr/bin/env python3
"""Writes an Apple Health export.xml of about SIZE_MB megabytes (default 500).

Like a real one: mostly heart-rate, step and energy records (which the
importer skips), a workout a day, a weighing a day and a few water records a
day, from 2016 on; with the DTD and the MetadataEntry children real exports
have. Usage: gen_apple_health.py OUT.xml [SIZE_MB]
"""
import sys
from datetime import datetime, timedelta

out, size_mb = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 500
target = size_mb * 1024 * 1024
f = open(out, "w", buffering=1 << 20)
f.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
        '<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>\n'
        '<!ATTLIST HealthData\n  locale CDATA #REQUIRED\n]>\n'
        '<HealthData locale="en_US">\n <ExportDate value="2026-11-01 09:00:00 -0500"/>\n')
fmt = "%Y-%m-%d %H:%M:%S -0500"
day = datetime(2016, 1, 1, 6, 0, 0)
written = 0
workouts = weights = drinks = 0
while written < target:
    parts = []
    d = day.strftime(fmt)
    parts.append(f' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" '
                 f'creationDate="{d}" startDate="{d}" endDate="{d}" value="{70 + (weights % 30) / 10:.1f}"/>\n')
    weights += 1
    for h in (8, 12, 17):
        t = (day + timedelta(hours=h - 6)).strftime(fmt)
        parts.append(f' <Record type="HKQuantityTypeIdentifierDietaryWater" sourceName="WaterMinder" unit="mL" '
                     f'creationDate="{t}" startDate="{t}" endDate="{t}" value="250"/>\n')
        drinks += 1
    ws = day + timedelta(hours=11)
    we = ws + timedelta(minutes=50)
    parts.append(f' <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="50" durationUnit="min" '
                 f'sourceName="Watch" creationDate="{we.strftime(fmt)}" startDate="{ws.strftime(fmt)}" endDate="{we.strftime(fmt)}">\n'
                 f'  <MetadataEntry key="HKWeatherTemperature" value="{60 + workouts % 30} degF"/>\n'
                 f'  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="{ws.strftime(fmt)}" '
                 f'endDate="{we.strftime(fmt)}" average="{130 + workouts % 30}" minimum="90" maximum="175" unit="count/min"/>\n'
                 f' </Workout>\n')
    workouts += 1
    # The bulk: a heart-rate sample every 5 minutes, steps every 10.
    for m in range(0, 24 * 60, 5):
        t = (day + timedelta(minutes=m)).strftime(fmt)
        parts.append(f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" sourceVersion="9.1" '
                     f'device="&lt;&lt;HKDevice&gt;&gt;, name:Apple Watch" unit="count/min" creationDate="{t}" '
                     f'startDate="{t}" endDate="{t}" value="{60 + m % 50}">\n'
                     f'  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n')
        if m % 10 == 0:
            parts.append(f' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
                         f'creationDate="{t}" startDate="{t}" endDate="{t}" value="{m % 97}"/>\n')
    chunk = "".join(parts)
    f.write(chunk)
    written += len(chunk)
    day += timedelta(days=1)
f.write("</HealthData>\n")
f.close()
print(f"{out}: {written / 1048576:.0f} MB, {workouts} workouts, {weights} weighings, {drinks} water records, {(day - datetime(2016, 1, 1, 6)).days} days")
