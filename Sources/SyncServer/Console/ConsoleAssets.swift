/// The console's stylesheet and script, served from `/console/assets/` so the CSP can forbid
/// every inline script and style (`script-src 'self'; style-src 'self'`).
enum ConsoleAssets {
    static let css = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2433;background:#fff}
        header.top{display:flex;gap:16px;align-items:center;padding:8px 24px;border-bottom:1px solid #e3e6ec;background:#f7f8fa;flex-wrap:wrap}
        header.top nav a{margin-right:12px;color:#2f4fa8;text-decoration:none}header.top nav a.current{font-weight:600;color:#1d2433;border-bottom:2px solid #2f6fdf}
        form.logout{margin-left:auto}main{max-width:1200px;margin:0 auto;padding:16px 24px}
        h1{font-size:22px;margin:8px 0 12px}h2{font-size:16px;margin:24px 0 8px}.count{font-size:14px;background:#eef0f4;border-radius:10px;padding:2px 8px;vertical-align:middle}
        .cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #e3e6ec;border-radius:6px;padding:8px 12px;min-width:170px}
        .card .label{font-size:12px;color:#5b6478}.card .value{font-size:16px;font-weight:600}.card.bad{border-color:#d64545;background:#fdf0f0}
        .card.warn{border-color:#e0a526;background:#fff8e6}.card.good{border-color:#3a9d5d;background:#eff9f2}
        .badge{font-size:12px;padding:1px 8px;border-radius:10px;background:#eef0f4}.badge.good{background:#dff3e6}.badge.bad{background:#fbdede}.badge.warn{background:#fff1c7}
        table{border-collapse:collapse;width:100%;font-size:13px;table-layout:auto}th,td{border:1px solid #e3e6ec;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#f5f6f9}table.counts{width:auto}td.v,.v{overflow-wrap:anywhere;word-break:break-word;white-space:pre-wrap;max-width:520px}
        .sub{color:#5b6478;font-size:12px}.none{color:#9aa1b1;font-style:italic}.empty{color:#5b6478}
        .flash{background:#e2ebfb;border:1px solid #9db8ef;padding:8px 12px;margin:8px 24px;border-radius:6px;overflow-wrap:anywhere}
        .error{background:#fdf0f0;border:1px solid #d64545;padding:8px 12px;border-radius:6px;overflow-wrap:anywhere}
        section.conflict{border:1px solid #e3e6ec;border-radius:8px;padding:8px 12px;margin:12px 0}section.conflict h2{margin:4px 0}
        .sides{display:grid;grid-template-columns:1fr 1fr 1fr;gap:8px;margin:8px 0}.side{border:1px solid #e3e6ec;border-radius:6px;padding:6px 8px;min-width:0}
        .side .label{font-size:12px;color:#5b6478}.side .v{font-size:15px;max-width:none}.side.base{background:#f7f8fa}
        form.decide{display:flex;flex-wrap:wrap;gap:6px;align-items:center}form.decide input[type=text]{min-width:220px}
        form.decide .typed{order:1;display:flex;gap:6px;align-items:center}
        button{font:inherit;padding:4px 10px;border:1px solid #9aa1b1;border-radius:5px;background:#fff;cursor:pointer}button:hover{background:#f0f3f8}
        button.danger{border-color:#d64545;color:#a32020}form.force{margin:12px 0;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
        .chart .axis{stroke:#9aa1b1}.chart text{font-size:10px;fill:#5b6478}.chart .writes,.key.writes{fill:#2f6fdf;background:#2f6fdf}
        .chart .conflicts,.key.conflicts{fill:#e0a526;background:#e0a526}.chart .failed,.key.failed{fill:#d64545;background:#d64545}
        .legend{font-size:12px;color:#5b6478}.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
        body.login main{max-width:420px;margin:10vh auto}body.login form{display:flex;flex-direction:column;gap:10px}body.login input{font:inherit;padding:6px;width:100%;box-sizing:border-box}
        .hint{color:#5b6478;font-size:12px}
        """

    /// Refreshes `<main data-live="MS">` from the same page's `?fragment=1` (its other query
    /// parameters, such as `page`, kept) every MS milliseconds, unless the
    /// person is typing in it; a lost session goes back to the login page.
    static let js = """
        (function(){
        var main=document.getElementById('main');if(!main)return;
        var every=parseInt(main.getAttribute('data-live')||'0',10);if(!every)return;
        var count=0;
        function busy(){var a=document.activeElement;if(a&&main.contains(a)&&(a.tagName==='INPUT'||a.tagName==='TEXTAREA'))return true;
        var typed=main.querySelectorAll('input[type=text]');for(var i=0;i<typed.length;i++){if(typed[i].value)return true;}return false;}
        function schedule(){setTimeout(tick,every);}
        function tick(){if(document.hidden||busy()){schedule();return;}
        var kept=location.search.replace(/^\\?/,'');
        fetch(location.pathname+'?fragment=1'+(kept?'&'+kept:''),{credentials:'same-origin',headers:{'Accept':'text/html'}}).then(function(r){
        if(r.status===401){location.href='/console/login';return null;}return r.ok?r.text():null;}).then(function(t){
        if(typeof t==='string'&&!busy()){main.innerHTML=t;count++;main.setAttribute('data-refreshes',String(count));}
        }).catch(function(){}).then(schedule);}
        schedule();
        })();
        """
}
