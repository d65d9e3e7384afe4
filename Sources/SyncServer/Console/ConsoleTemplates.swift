/// The console's Mustache templates, kept in the binary (no files to install, no build step).
///
/// Every value is written with `{{name}}`, which HTML-escapes it; the unescaped forms (`{{{ }}}`,
/// `{{& }}`) are never used (a test checks). Each page is `layout` with its `main` block filled by
/// a partial of its own, and that partial alone is what the live refresh fetches.
/// No inline script or style anywhere: the CSP allows only `/console/assets/`.
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "login": login, "overview": page("overview"), "overview_main": overview,
        "conflicts": page("conflicts"), "conflicts_main": conflicts, "held": page("held"), "held_main": held,
        "failures": page("failures"), "failures_main": failures, "runs": page("runs"), "runs_main": runs,
        "rails": page("rails"), "rails_main": rails, "record": record, "value": value, "run_badge": runBadge,
    ]

    static func page(_ name: String) -> String {
        "{{<layout}}{{$main}}{{> \(name)_main}}{{/main}}{{/layout}}"
    }

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{#frame}}{{title}}{{/frame}} · fgsync console</title>
        <link rel="stylesheet" href="/console/assets/console.css">
        <script src="/console/assets/console.js" defer></script>
        </head>
        <body>
        {{#frame}}
        <header class="top"><strong>fgsync</strong>
        <nav>{{#nav}}<a href="{{href}}"{{#current}} class="current" aria-current="page"{{/current}}>{{label}}</a>{{/nav}}</nav>
        <form method="post" action="/console/logout" class="logout"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">Sign out</button></form>
        </header>
        {{#flash}}<p class="flash" role="status">{{.}}</p>{{/flash}}
        {{/frame}}
        <main id="main"{{#frame.live}} data-live="3000"{{/frame.live}}>
        {{$main}}{{/main}}
        </main>
        </body>
        </html>

        """

    static let login = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · fgsync console</title>
        <link rel="stylesheet" href="/console/assets/console.css">
        </head>
        <body class="login">
        <main>
        <h1>fgsync console</h1>
        {{#message}}<p class="error" role="alert">{{.}}</p>{{/message}}
        <form method="post" action="/console/login">
        <label>Console token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
        <button type="submit">Sign in</button>
        </form>
        <p class="hint">The token is the value of the variable <code>console.token_env</code> names in the config.</p>
        </main>
        </body>
        </html>

        """

    static let record = """
        {{#href}}<a href="{{href}}" rel="noreferrer noopener" target="_blank"><bdi>{{id}}</bdi></a>{{/href}}{{^href}}<code><bdi>{{id}}</bdi></code>{{/href}}
        """

    static let value = """
        <bdi>{{.}}</bdi>
        """

    static let runBadge = """
        <span class="badge {{tone}}">{{outcome}}</span>
        """

    static let overview = """
        <h1>Overview</h1>
        {{#shownSync}}<h2>Syncs</h2>
        <table class="syncs"><thead><tr><th>Sync</th><th>Health</th><th>Inbox</th><th>Open conflicts</th><th>Last run</th><th>Problem</th></tr></thead><tbody>
        {{/shownSync}}{{#syncs}}<tr id="sync-{{name}}"><th>{{name}}</th><td><span class="badge {{tone}}">{{health}}</span></td><td>{{inboxWaiting}}</td><td>{{openConflicts}}</td><td>{{#lastRun}}<time>{{.}}</time>{{/lastRun}}{{^lastRun}}none{{/lastRun}}</td><td>{{#problem}}{{.}}{{/problem}}</td></tr>
        {{/syncs}}{{#shownSync}}</tbody></table>
        <p>The cards and pages below show sync <strong>{{.}}</strong>.</p>{{/shownSync}}
        <div class="cards">
        <div class="card{{#lastFull}} {{tone}}{{/lastFull}}"><div class="label">Last full reconcile</div>
        {{#lastFull}}<div class="value"><a href="/console/runs/{{id}}/report">#{{id}}</a> {{> run_badge}}</div><div class="sub"><time>{{startedAt}}</time></div>{{/lastFull}}
        {{^lastFull}}<div class="value">none yet</div>{{/lastFull}}</div>
        <div class="card{{#lastDelta}} {{tone}}{{/lastDelta}}"><div class="label">Last delta pass</div>
        {{#lastDelta}}<div class="value"><a href="/console/runs/{{id}}/report">#{{id}}</a> {{> run_badge}}</div><div class="sub"><time>{{startedAt}}</time></div>{{/lastDelta}}
        {{^lastDelta}}<div class="value">none yet</div>{{/lastDelta}}</div>
        <div class="card"><div class="label">Webhooks accepted in the last hour</div><div class="value" id="webhooks-hour">GHL {{webhooksGHL}} · Fulcrum {{webhooksFulcrum}}</div></div>
        <div class="card{{^equalzero(inboxParked)}} bad{{/equalzero(inboxParked)}}"><div class="label">Inbox</div><div class="value" id="inbox">{{inboxWaiting}} waiting · {{inboxParked}} parked</div></div>
        <div class="card {{#railsHolding}}bad{{/railsHolding}}{{^railsHolding}}good{{/railsHolding}}"><div class="label">Safety rails</div>
        <div class="value">{{#railsHolding}}<a href="/console/rails">holding the next run</a>{{/railsHolding}}{{^railsHolding}}clear{{/railsHolding}}</div></div>
        </div>
        {{#lastFailure}}<p class="error">{{.}}</p>{{/lastFailure}}
        <h2>Both sides</h2>
        <table class="counts"><tbody>
        <tr><th>Fulcrum records mirrored</th><td id="count-fulcrum">{{fulcrumRecords}}</td></tr>
        <tr><th>GHL contacts mirrored</th><td id="count-ghl">{{ghlContacts}}</td></tr>
        <tr><th>Linked pairs</th><td id="count-linked">{{linkedPairs}}</td></tr>
        <tr><th><a href="/console/conflicts">Open conflicts</a></th><td id="count-conflicts">{{openConflicts}}</td></tr>
        <tr><th>Decisions waiting for the next pass</th><td id="count-decisions">{{pendingDecisions}}</td></tr>
        <tr><th><a href="/console/held">Held items</a></th><td id="count-held">{{held}}</td></tr>
        <tr><th><a href="/console/failures">Failed writes</a></th><td id="count-failed">{{failed}}</td></tr>
        </tbody></table>
        <h2>Recent runs that wrote, met a conflict or failed</h2>
        {{#chart}}
        <svg class="chart" role="img" aria-label="Writes, conflicts and failures of the recent runs" width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}">
        <line class="axis" x1="0" y1="{{baseline}}" x2="{{width}}" y2="{{baseline}}"></line>
        {{#bars}}<g class="run"><title>{{title}}</title>
        <rect class="writes" x="{{x}}" y="{{writesY}}" width="7" height="{{writesHeight}}"></rect>
        <rect class="conflicts" x="{{conflictsX}}" y="{{conflictsY}}" width="7" height="{{conflictsHeight}}"></rect>
        <rect class="failed" x="{{failedX}}" y="{{failedY}}" width="7" height="{{failedHeight}}"></rect>
        <text x="{{x}}" y="{{height}}" dy="-18">{{label}}</text></g>
        {{/bars}}
        </svg>
        <p class="legend"><span class="key writes"></span> writes <span class="key conflicts"></span> conflicts <span class="key failed"></span> failed (tallest bar: {{maximum}})</p>
        {{/chart}}
        {{^chart}}<p class="empty">No run has written anything yet.</p>{{/chart}}

        """

    /// The typed value's button comes first in each form (CSS shows it last): Enter in the
    /// field submits the first button, which must be "Use this value", not "Take Fulcrum".
    static let conflicts = """
        <h1>Conflicts <span class="count" id="conflict-count">{{count}}</span></h1>
        {{^conflicts}}<p class="empty">No conflict waits for a person.</p>{{/conflicts}}
        {{#conflicts}}
        <section class="conflict" id="conflict-{{id}}">
        <h2>#{{id}} · field <bdi>{{field}}</bdi></h2>
        <p class="sub">Fulcrum {{#fulcrum}}{{> record}}{{/fulcrum}} · GHL {{#ghl}}{{> record}}{{/ghl}} · found <time>{{detectedAt}}</time>{{#runId}} by run {{.}}{{/runId}} · rule <code>{{rule}}</code></p>
        <div class="sides">
        <div class="side"><div class="label">Fulcrum</div><div class="v">{{#fulcrumValue}}{{> value}}{{/fulcrumValue}}{{^fulcrumValue}}<span class="none">(empty)</span>{{/fulcrumValue}}</div>
        <div class="sub">updated <time>{{fulcrumUpdatedAt}}</time></div></div>
        <div class="side"><div class="label">GHL</div><div class="v">{{#ghlValue}}{{> value}}{{/ghlValue}}{{^ghlValue}}<span class="none">(empty)</span>{{/ghlValue}}</div>
        <div class="sub">updated <time>{{ghlUpdatedAt}}</time></div></div>
        <div class="side base"><div class="label">Last agreed (base)</div><div class="v">{{#baseValue}}{{> value}}{{/baseValue}}{{^baseValue}}<span class="none">(empty)</span>{{/baseValue}}</div></div>
        </div>
        <form method="post" action="/console/conflicts/{{id}}" class="decide">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        <span class="typed"><label>or a value <input type="text" name="value" maxlength="10000"></label>
        <button type="submit" name="take" value="value">Use this value</button></span>
        <button type="submit" name="take" value="fulcrum">Take Fulcrum</button>
        <button type="submit" name="take" value="ghl">Take GHL</button>
        <button type="submit" name="take" value="base">Keep base</button>
        </form>
        </section>
        {{/conflicts}}
        {{#previousHref}}<nav class="pager" aria-label="Pages of conflicts"><a href="{{previousHref}}" rel="prev">Previous</a> page {{page}} of {{pages}}{{#nextHref}} <a href="{{nextHref}}" rel="next">Next</a>{{/nextHref}}</nav>{{/previousHref}}
        {{^previousHref}}{{#nextHref}}<nav class="pager" aria-label="Pages of conflicts">page {{page}} of {{pages}} <a href="{{nextHref}}" rel="next">Next</a></nav>{{/nextHref}}{{/previousHref}}
        <h2>Decisions waiting for the next pass</h2>
        {{^waiting}}<p class="empty">None.</p>{{/waiting}}
        {{^empty(waiting)}}<ul class="decisions waiting">{{#waiting}}<li>#{{conflictId}} <bdi>{{fulcrumId}}</bdi> / <bdi>{{contactId}}</bdi>, <bdi>{{field}}</bdi>: {{choice}} (decided <time>{{decidedAt}}</time>)</li>{{/waiting}}</ul>{{/empty(waiting)}}
        <h2>Applied recently</h2>
        {{^applied}}<p class="empty">None.</p>{{/applied}}
        {{^empty(applied)}}<ul class="decisions applied">{{#applied}}<li>#{{conflictId}} <bdi>{{fulcrumId}}</bdi> / <bdi>{{contactId}}</bdi>, <bdi>{{field}}</bdi>: {{choice}} (decided <time>{{decidedAt}}</time>), written to both sides by <a href="/console/runs/{{appliedRun}}/report">run {{appliedRun}}</a></li>{{/applied}}</ul>{{/empty(applied)}}

        """

    static let held = """
        <h1>Held items <span class="count" id="held-count">{{count}}</span></h1>
        <p class="sub">Records the last pass{{#runId}} (run {{.}}){{/runId}} did not sync, with why and what to do.</p>
        {{^items}}<p class="empty">Nothing held.</p>{{/items}}
        {{^empty(items)}}<table class="held"><thead><tr><th>Fulcrum record</th><th>GHL contact</th><th>Field</th><th>Why</th><th>Fix</th></tr></thead><tbody>
        {{#items}}<tr class="held-item"><td>{{#fulcrum}}{{> record}}{{/fulcrum}}</td><td>{{#ghl}}{{> record}}{{/ghl}}</td><td><bdi>{{field}}</bdi></td><td class="v"><bdi>{{reason}}</bdi></td><td>{{fix}}</td></tr>
        {{/items}}</tbody></table>{{/empty(items)}}

        """

    static let failures = """
        <h1>Failures and parked events</h1>
        <h2>Writes that failed in the last applying run ({{count(failures)}})</h2>
        {{^failures}}<p class="empty">No failed writes.</p>{{/failures}}
        {{^empty(failures)}}<table><thead><tr><th>Side</th><th>Write</th><th>Fulcrum record</th><th>GHL contact</th><th>How often</th><th>Last error</th></tr></thead><tbody>
        {{#failures}}<tr class="failure"><td>{{side}}</td><td>{{kind}}</td><td>{{#fulcrum}}{{> record}}{{/fulcrum}}</td><td>{{#ghl}}{{> record}}{{/ghl}}</td><td class="times">failed in {{times}} of the last {{window}} passes</td><td class="v"><bdi>{{error}}</bdi></td></tr>
        {{/failures}}</tbody></table>
        <form method="post" action="/console/retry"><input type="hidden" name="csrf" value="{{frame.csrf}}"><button type="submit">Retry now (queue a pass)</button></form>{{/empty(failures)}}
        <h2>Webhook events parked after repeated failures ({{count(parked)}})</h2>
        <p class="sub">{{inboxWaiting}} event(s) waiting for their next try.{{^equalzero(pendingWrites)}} {{pendingWrites}} write(s) with unknown outcome are checked by the next pass.{{/equalzero(pendingWrites)}}</p>
        {{^parked}}<p class="empty">None parked.</p>{{/parked}}
        {{^empty(parked)}}<table><thead><tr><th>Event</th><th>Tries</th><th>Parked</th><th>Last error</th><th></th></tr></thead><tbody>
        {{#parked}}<tr class="parked"><td><code><bdi>{{id}}</bdi></code></td><td>{{attempts}}</td><td><time>{{parkedAt}}</time></td><td class="v"><bdi>{{error}}</bdi></td>
        <td><form method="post" action="/console/events/retry"><input type="hidden" name="csrf" value="{{frame.csrf}}"><input type="hidden" name="event" value="{{id}}"><button type="submit">Retry now</button></form></td></tr>
        {{/parked}}</tbody></table>{{/empty(parked)}}

        """

    static let runs = """
        <h1>Runs</h1>
        {{^runs}}<p class="empty">No runs yet.</p>{{/runs}}
        {{^empty(runs)}}<table class="runs"><thead><tr><th>Run</th><th>Kind</th><th>Mode</th><th>Started</th><th>Finished</th><th>Outcome</th><th>Writes</th><th>Conflicts</th><th>Held</th><th>Failed</th><th>Report</th></tr></thead><tbody>
        {{#runs}}<tr class="run"><td>#{{id}}</td><td>{{kind}}</td><td>{{mode}}</td><td><time>{{startedAt}}</time></td><td><time>{{finishedAt}}</time></td><td>{{> run_badge}}</td><td>{{writes}}</td><td>{{conflicts}}</td><td>{{held}}</td><td>{{failed}}</td>
        <td>{{#reportHref}}<a href="{{.}}">report</a>{{/reportHref}}</td></tr>
        {{/runs}}</tbody></table>{{/empty(runs)}}

        """

    static let rails = """
        <h1>Safety rails</h1>
        {{^holding}}<p class="empty">No rail holds the next run.</p>{{/holding}}
        {{#holding}}
        {{#run}}<p>Run <a href="/console/runs/{{id}}/report">#{{id}}</a> ({{kind}}, <time>{{startedAt}}</time>) was refused and wrote nothing:</p>{{/run}}
        <ul class="rails">{{#rails}}<li class="rail"><strong>{{kind}}</strong>{{#side}} ({{.}}){{/side}}: <bdi>{{message}}</bdi></li>{{/rails}}</ul>
        <h2>What a forced run would write</h2>
        <table><thead><tr><th>Side</th><th>Operation</th><th>Count</th></tr></thead><tbody>
        {{#planned}}<tr><td>{{side}}</td><td>{{kind}}</td><td>{{count}}</td></tr>{{/planned}}
        </tbody></table>
        <form method="post" action="/console/rails/force" class="force">
        <input type="hidden" name="csrf" value="{{frame.csrf}}">
        {{#run}}<input type="hidden" name="run" value="{{id}}">{{/run}}
        <label><input type="checkbox" name="confirm" value="yes" required> I accept {{plannedTotal}} write(s), {{deletes}} of them delete(s), as listed above.</label>
        <button type="submit" class="danger">Force the next run</button>
        </form>
        <p class="sub">Or fix the cause and let the next pass run normally. The forced run is a {{forceKind}} pass with <code>--force</code>.</p>
        {{/holding}}

        """
}
