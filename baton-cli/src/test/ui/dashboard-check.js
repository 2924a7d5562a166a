// Drives the Baton dashboard in headless Chromium, as an operator would: sign in through #token=, see the node,
// the agents and the counts, submit a task through the API and watch it arrive in the live event feed and finish.
// Usage: node dashboard-check.js <baseUrl> <token> <screenshot.png>
// Prints one JSON line with what it saw; exits 1 on the first expectation that fails.
"use strict";
const { chromium } = require("playwright-core");

const [baseUrl, token, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const problems = [];

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

(async () => {
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  const seen = {};
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
    await page.goto(baseUrl + "/ui/#token=" + encodeURIComponent(token));

    await page.waitForFunction(() => document.getElementById("node").textContent.includes("leader"), null,
      { timeout: 20000 });
    seen.header = await page.textContent("#node");
    seen.urlAfterSignIn = page.url();
    expect(!seen.urlAfterSignIn.includes(token), "the token stays in the address bar");
    await page.waitForSelector("#agents tbody tr", { timeout: 20000 });
    seen.agentRows = await page.locator("#agents tbody tr").count();
    await page.waitForSelector("#live.on", { timeout: 20000 });

    const reply = await fetch(baseUrl + "/v1/tasks", { method: "POST",
      headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
      body: JSON.stringify({ capability: "echo", input: { text: "from the browser check" } }) });
    expect(reply.status === 201, "submit answered " + reply.status);
    const taskId = (await reply.json()).id;
    seen.taskId = taskId;

    const finished = page.locator("#events tbody tr", { hasText: taskId }).filter({ hasText: "succeeded" });
    await finished.first().waitFor({ timeout: 20000 });
    seen.eventRowsForTask = await page.locator("#events tbody tr", { hasText: taskId }).count();
    await page.waitForFunction(() => {
      const card = [...document.querySelectorAll("#task-cards .card")].find((c) => c.textContent.includes("succeeded"));
      return card && parseInt(card.querySelector(".n").textContent, 10) >= 1;
    }, null, { timeout: 20000 });

    await page.locator("#events tbody tr", { hasText: taskId }).first().locator(".link").first().click();
    await page.waitForFunction((id) => document.getElementById("detail-body").textContent.includes(id), taskId,
      { timeout: 20000 });
    seen.detailShowsResult = (await page.textContent("#detail-body")).includes("from the browser check");
    expect(seen.detailShowsResult, "the task detail does not show the result");
    await page.screenshot({ path: screenshot });
    expect(problems.length === 0, "browser problems: " + problems.join("; "));
    console.log(JSON.stringify({ ok: true, ...seen }));
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: e.message, problems, ...seen }));
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
})();
