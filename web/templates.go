package web

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"deploybot"
	"deploybot/dora"
)

// pageNames are the templates under templates/, each rendered inside
// layout.html.
var pageNames = []string{"now", "timeline", "detail", "calendar", "dora", "error"}

func parseTemplates(loc *time.Location) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"when": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				if v.IsZero() {
					return ""
				}
				return v.In(loc).Format("Mon 2 Jan 15:04")
			case *time.Time:
				if v == nil {
					return ""
				}
				return v.In(loc).Format("Mon 2 Jan 15:04")
			}
			return ""
		},
		"clock": func(t time.Time) string { return t.In(loc).Format("15:04") },
		"iso":   func(t time.Time) string { return t.In(loc).Format(time.RFC3339) },
		"day":   func(t time.Time) string { return t.In(loc).Format("Mon 2 Jan") },
		"dayOf": func(s string) string {
			t, err := time.ParseInLocation(time.DateOnly, s, loc)
			if err != nil {
				return s
			}
			return t.Format("Monday 2 January 2006")
		},
		"ago":      func(now, t time.Time) string { return ago(now, t) },
		"dur":      func(d time.Duration) string { return dora.Duration(d, deploybot.English) },
		"pct":      pct,
		"dec":      func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) },
		"band":     func(b dora.Band) string { return string(b) },
		"leadFrom": func(f dora.Figures) string { return dora.LeadStarts(f, deploybot.English) },
		"arrow":    arrowOf,
		"height": func(n, most int) int {
			if most <= 0 {
				return 0
			}
			return n * 100 / most
		},
		"width": func(from, to string) string {
			return strconv.FormatFloat(float64(minutes(to)-minutes(from))/(24*60)*100, 'f', 3, 64)
		},
		"sel": func(a, b string) bool { return a == b },
		"short": func(s string, n int) string {
			if len([]rune(s)) <= n {
				return s
			}
			return string([]rune(s)[:n]) + "…"
		},
		"add": func(a, b int) int { return a + b },
		// said is what a message said, without the bot's reply.
		"said":  func(detail string) string { text, _, _ := strings.Cut(detail, " ⇒ "); return text },
		"lower": strings.ToLower,
		"query": func(kv ...string) template.URL {
			var b strings.Builder
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i+1] == "" {
					continue
				}
				if b.Len() > 0 {
					b.WriteByte('&')
				}
				fmt.Fprintf(&b, "%s=%s", kv[i], template.URLQueryEscaper(kv[i+1]))
			}
			if b.Len() == 0 {
				return ""
			}
			return template.URL("?" + b.String())
		},
	}
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

func minutes(hhmm string) int {
	h, m, _ := strings.Cut(hhmm, ":")
	hi, _ := strconv.Atoi(h)
	mi, _ := strconv.Atoi(m)
	return hi*60 + mi
}

func arrowOf(t dora.Trend) template.HTML {
	switch t {
	case dora.Better:
		return `<span class="trend better" title="better than the period before">↗ better</span>`
	case dora.Worse:
		return `<span class="trend worse" title="worse than the period before">↘ worse</span>`
	case dora.Same:
		return `<span class="trend same" title="as in the period before">→ steady</span>`
	}
	return ""
}

// signInPage is all a reader without a session gets.
var signInPage = template.Must(template.New("signin").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · deploybot</title><link rel="stylesheet" href="/assets/style.css"></head>
<body class="signin"><main><h1>deploybot</h1>
<p>These pages show the agency's deployments. Sign in with the agency's Slack workspace to read them.</p>
<p><a class="button" id="signin" href="/auth/login?next={{.Next}}">Sign in with Slack</a></p>
</main></body></html>
`))
