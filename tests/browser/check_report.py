#!/usr/bin/python3
"""check_report.py DIR SHOTS - report.html in a real browser.

Opens DIR/report.html (a reproduce directory's) from file:// in headless Chromium through
chromedriver, and checks what a reader does with it: the page loads with no console error and no
network request; the ordering verdict on the page is verdicts.csv's; clicking a flame-graph frame
zooms into it (its box becomes the full width) and Escape resets; a search shows the share of
samples it matches, the same share this script computes from the page's embedded data; the
timeline draws a bar for every run of runs.csv; each method has its view with its runs as points.
Saves screenshots of the page, the forest plot, the timeline, read/write's view and the flame
graph into SHOTS for a person to look at.
Prints one line per check and "N passed, N failed"; exits 1 on any failure.
"""
import csv
import json
import os
import re
import shutil
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print("%s: %s%s" % ("passed" if ok else "FAILED", name, (" (" + detail + ")") if detail else ""))


def ordering_verdict(directory):
    with open(os.path.join(directory, "verdicts.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["phase"] == "study" and row["claim"] == "ordering":
                return row["verdict"]
    return None


def expected_share(data, side, pattern):
    """The share of the side's samples with a frame the pattern matches (the page's rule)."""
    rx = re.compile(pattern)
    total = hit = 0
    for st in data["sides"][side]["stacks"]:
        total += st[0]
        if any(rx.search(data["frames"][i][0]) for i in st[1:]):
            hit += st[0]
    return 100.0 * hit / total if total else 0.0


def main():
    directory, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    page = "file://" + os.path.abspath(os.path.join(directory, "report.html"))
    # Chromium leaves its singleton folder (org.chromium.Chromium.*) in TMPDIR and a profile
    # in its user data dir: both go into a folder of this run's own, removed at the end.
    scratch = tempfile.mkdtemp(prefix="bulkxfer-browser-")
    os.environ["TMPDIR"] = scratch
    opts = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1000",
              "--disable-dev-shm-usage", "--user-data-dir=" + os.path.join(scratch, "profile")):
        opts.add_argument(a)
    opts.binary_location = "/usr/bin/chromium"
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.get(page)
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check("no console error", not errors, "; ".join(errors)[:300])
        outside = []
        for entry in driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                url = msg["params"]["request"]["url"]
                # chrome:// is the browser's own new-tab page, loaded before ours (a fresh
                # profile): it never leaves the machine
                if not url.startswith(("file://", "data:", "chrome://", "chrome-untrusted://")):
                    outside.append(url)
        check("no network request", not outside, ", ".join(outside)[:300])

        want = ordering_verdict(directory)
        got = driver.find_element(By.ID, "ordering-word").text
        check("the ordering verdict is verdicts.csv's", got == want, "page %r, csv %r" % (got, want))
        driver.save_screenshot(os.path.join(shots, "report-top.png"))
        forest = driver.find_element(By.CSS_SELECTOR, "#claims svg")
        driver.execute_script("arguments[0].scrollIntoView()", forest)
        forest.screenshot(os.path.join(shots, "forest.png"))

        # the timeline: a bar per run of runs.csv, each with a tooltip naming its host state
        with open(os.path.join(directory, "runs.csv"), newline="") as f:
            runs = sum(1 for _ in csv.DictReader(f))
        bars = driver.find_elements(By.CSS_SELECTOR, "#timeline svg rect")
        check("the timeline draws every run", len(bars) == runs,
              "%d bars, %d runs in runs.csv" % (len(bars), runs))
        timeline = driver.find_element(By.ID, "timeline")
        driver.execute_script("arguments[0].scrollIntoView()", timeline)
        timeline.screenshot(os.path.join(shots, "timeline.png"))
        # a view per method, its runs as points, the study's read/write among them
        views = driver.find_elements(By.CSS_SELECTOR, "article.method")
        pipe = driver.find_elements(By.ID, "method-pipe")
        points = pipe[0].find_elements(By.CSS_SELECTOR, "circle.run") if pipe else []
        check("each method has its view, read/write's with its runs as points",
              len(views) >= 3 and len(points) > 0,
              "%d views, %d points for read/write" % (len(views), len(points)))
        if pipe:
            driver.execute_script("arguments[0].scrollIntoView()", pipe[0])
            pipe[0].screenshot(os.path.join(shots, "method-pipe.png"))

        found = driver.find_elements(By.ID, "bx-flame-data")
        if not found:   # perf_event_open refused: the page says why; nothing to click
            why = driver.find_element(By.ID, "flames").text.replace("\n", " ")
            print("skipped: the flame-graph checks: the job has no profile (%s)" % why[:200])
            return finish(shots)
        data = json.loads(found[0].get_attribute("textContent"))
        check("every profiled side has a flame graph", len(data["sides"]) > 0,
              "%d sides" % len(data["sides"]))
        frames = driver.find_elements(By.CSS_SELECTOR, "#flame .frame")
        target = None
        for f in frames:   # the first frame, outermost first, that is not the full width
            if f.get_attribute("data-depth") != "0" and "width: 100%" not in f.get_attribute("style"):
                target = f
                break
        check("a frame narrower than the graph to click", target is not None)
        pattern = "copy"
        if target is not None:
            pattern = re.escape(target.get_attribute("textContent"))
            name, depth = target.get_attribute("title"), target.get_attribute("data-depth")
            driver.execute_script("arguments[0].scrollIntoView()", target)
            target.click()
            zoomed = [f for f in driver.find_elements(By.CSS_SELECTOR, "#flame .frame")
                      if f.get_attribute("data-depth") == depth and f.get_attribute("title") == name
                      and "width: 100%" in f.get_attribute("style")]
            check("clicking a frame zooms into it (it is drawn the full width)", len(zoomed) >= 1,
                  name[:60])
            driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
            after = driver.find_elements(By.CSS_SELECTOR, "#flame .frame")
            check("Escape resets the zoom", len(after) == len(frames),
                  "%d frames, %d before" % (len(after), len(frames)))
        side = int(driver.find_element(By.ID, "flame-side").get_attribute("value"))
        box = driver.find_element(By.ID, "flame-search")
        box.send_keys(pattern)
        shown = driver.find_element(By.ID, "flame-match").text
        m = re.match(r"matched: ([0-9.]+)% of the samples", shown)
        want_share = expected_share(data, side, pattern)
        check("a search shows the share it matches",
              m is not None and want_share > 0 and abs(float(m.group(1)) - want_share) < 0.06,
              "page %r, expected %.1f%%" % (shown, want_share))
        flames = driver.find_element(By.ID, "flames")
        driver.execute_script("arguments[0].scrollIntoView()", flames)
        flames.screenshot(os.path.join(shots, "flamegraph.png"))
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        check("no console error after clicking and searching", not errors, "; ".join(errors)[:300])
    finally:
        driver.quit()
        shutil.rmtree(scratch, ignore_errors=True)
    return finish(shots)


def finish(shots):
    failed = results.count(False)
    print("screenshots: %s" % ", ".join(sorted(os.listdir(shots))))
    print("browser: %d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
