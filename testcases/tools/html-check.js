// html-check.js — open an HTML report in headless Chromium and print what a
// reader sees, for FileCheck: the page title and heading, then per finding
// its rendered kind and location, its stacks' headings and frame counts,
// whether a picture was drawn, and whether the section is actually laid out
// on the page (non-empty box).
//
// usage: node html-check.js FILE.html
// Needs playwright-core (NODE_PATH, from install-test-deps) and Debian's
// chromium ($TANGLE_CHROMIUM, default /usr/bin/chromium).
"use strict";
const path = require("path");
const { chromium } = require("playwright-core");

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node html-check.js FILE.html");
  const browser = await chromium.launch({
    executablePath: process.env.TANGLE_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto("file://" + path.resolve(file));
    console.log("title: " + (await page.title()));
    console.log("h1: " + (await page.innerText("h1")));
    for (const sec of await page.$$("section.finding")) {
      const box = await sec.boundingBox();
      const kind = await sec.$eval(".kind", (e) => e.innerText);
      const where = await sec.$eval(".where", (e) => e.innerText);
      const svg = (await sec.$$("figure svg")).length;
      const dot = (await sec.$$("figure pre.dot")).length;
      console.log("finding: " + kind.toLowerCase() + " | " + where +
                  " | visible=" + (box !== null && box.width > 0 && box.height > 0) +
                  " | picture=" + (svg ? "svg" : dot ? "dot-source" : "none"));
      for (const st of await sec.$$(".stack")) {
        const head = await st.$eval("h3", (e) => e.innerText);
        const frames = (await st.$$("li")).length;
        const excerpts = (await st.$$("pre.src")).length;
        console.log("  stack: " + head + " | frames=" + frames + " | excerpts=" + excerpts);
      }
    }
    for (const e of errors) console.log("page error: " + e);
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error("html-check: " + e.message);
  process.exit(1);
});
