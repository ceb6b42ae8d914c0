package prompts

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"deploybot"
)

var langs = []deploybot.Lang{deploybot.French, deploybot.English}

func mustCards(t *testing.T) []Card {
	t.Helper()
	cards, err := Cards()
	if err != nil {
		t.Fatalf("Cards: %v", err)
	}
	return cards
}

func byID(t *testing.T) map[string]Card {
	t.Helper()
	m := make(map[string]Card)
	for _, c := range mustCards(t) {
		m[c.ID] = c
	}
	return m
}

func TestCardsParse(t *testing.T) {
	cards := mustCards(t)
	if n := len(cards); n < 60 || n > 100 {
		t.Errorf("got %d cards, want 60 to 100", n)
	}
	seen := make(map[string]bool)
	for _, c := range cards {
		if !kebab.MatchString(c.ID) {
			t.Errorf("card %q: id is not kebab-case", c.ID)
		}
		if seen[c.ID] {
			t.Errorf("card %q: duplicate id", c.ID)
		}
		seen[c.ID] = true
	}
}

func TestCardsComplete(t *testing.T) {
	for _, c := range mustCards(t) {
		for _, l := range langs {
			if strings.TrimSpace(c.Topic[l]) == "" {
				t.Errorf("card %q: no topic in %s", c.ID, l)
			}
			if strings.Contains(c.Topic[l], "\n") {
				t.Errorf("card %q: topic in %s spans several lines", c.ID, l)
			}
			body := c.Body[l]
			if strings.TrimSpace(body) == "" {
				t.Errorf("card %q: no body in %s", c.ID, l)
			}
			if n := strings.Count(body, "\n") + 1; n < 2 || n > 8 {
				t.Errorf("card %q: body in %s has %d lines, want 2 to 8", c.ID, l, n)
			}
			if len(c.Keywords[l]) < 3 {
				t.Errorf("card %q: %d keywords in %s, want at least 3", c.ID, len(c.Keywords[l]), l)
			}
			for i, k := range c.Keywords[l] {
				if k == "" || k != strings.TrimSpace(k) || k != strings.ToLower(k) {
					t.Errorf("card %q: keyword %q in %s must be trimmed lowercase", c.ID, k, l)
				}
				if slices.Contains(c.Keywords[l][:i], k) {
					t.Errorf("card %q: keyword %q listed twice in %s", c.ID, k, l)
				}
			}
		}
		if c.Body[deploybot.French] == c.Body[deploybot.English] {
			t.Errorf("card %q: French and English bodies are identical", c.ID)
		}
		if !strings.ContainsAny(c.Body[deploybot.French]+c.Topic[deploybot.French], "éèêàâçùîôû") {
			t.Errorf("card %q: French text has no accent; is it French?", c.ID)
		}
		for _, l := range []deploybot.Lang{deploybot.French, deploybot.English} {
			if strings.Count(c.Body[l], "```")%2 != 0 {
				t.Errorf("card %q: unbalanced code fence in %s", c.ID, l)
			}
		}
	}
}

func TestCardRoutes(t *testing.T) {
	count := make(map[deploybot.Route]int)
	for _, c := range mustCards(t) {
		if len(c.Routes) == 0 {
			t.Errorf("card %q: no routes", c.ID)
		}
		for _, r := range c.Routes {
			if !r.Valid() {
				t.Errorf("card %q: invalid route %q", c.ID, r)
			}
			count[r]++
		}
	}
	for _, r := range deploybot.Routes {
		if count[r] < 5 {
			t.Errorf("route %s has %d cards, want at least 5", r, count[r])
		}
		t.Logf("%-20s %d cards", r, count[r])
	}
}

// TestPhaseCardsOnOrchestrator checks that phase-wide topics are answered by
// the orchestrator.
func TestPhaseCardsOnOrchestrator(t *testing.T) {
	cards := byID(t)
	for _, id := range []string{
		"process-seven-steps", "windows-deployment", "windows-outside", "checklist-pre-deploy",
		"notification-template", "changelog-writing", "metrics-post-deploy", "antipatterns-overview",
		"tools-overview", "tools-kubernetes", "tools-cloud", "tools-serverless", "tools-static-jamstack",
		"tools-vps", "deliverables",
	} {
		c, ok := cards[id]
		if !ok {
			t.Errorf("no card %q", id)
			continue
		}
		if !c.HasRoute(deploybot.RouteOrchestrator) {
			t.Errorf("card %q: not on the orchestrator route", id)
		}
	}
}

// fact lists what one card must say, per language. Each string must appear
// in the body (case-insensitive); a string "A|B|C" must appear on one line.
type fact struct {
	id     string
	fr, en []string
}

var facts = []fact{
	{"process-seven-steps",
		[]string{"build", "test", "staging", "validate", "deploy", "verify", "monitor", "30 min", "1.", "7."},
		[]string{"build", "test", "staging", "validate", "deploy", "verify", "monitor", "30 minutes", "1.", "7."}},
	{"ship-early-often-safely",
		[]string{"ship early, ship often, ship safely", "petits lots"},
		[]string{"ship early, ship often, ship safely", "small batches"}},
	{"strategy-overview",
		[]string{"Recreate|faible|élevé|lent|dev/test", "Rolling|moyenne|moyen|moyen|standard",
			"Blue-green|élevée|faible|instantané|production critique", "Canary|élevée|très faible|rapide|large audience"},
		[]string{"Recreate|low|high|slow|dev/test", "Rolling|medium|medium|medium|standard",
			"Blue-green|high|low|instant|critical production", "Canary|high|very low|fast|large audience"}},
	{"strategy-recreate", []string{"*faible*", "*élevé*", "*lent*", "dev/test"}, []string{"*low*", "*high*", "*slow*", "dev/test"}},
	{"strategy-rolling", []string{"*moyenne*", "*moyen*", "standard"}, []string{"*medium*", "standard"}},
	{"strategy-blue-green", []string{"*élevée*", "*faible*", "*instantané*", "production critique"}, []string{"*high*", "*low*", "*instant*", "critical production"}},
	{"strategy-canary", []string{"*élevée*", "*très faible*", "*rapide*", "large audience"}, []string{"*high*", "*very low*", "*fast*", "large audience"}},
	{"strategy-choosing", []string{"recreate", "rolling", "blue-green", "canary"}, []string{"recreate", "rolling", "blue-green", "canary"}},
	{"windows-deployment",
		[]string{"mardi au jeudi|10h|16h", "lundi après-midi|vendredi matin|précautions", "vendredi après-midi|week-ends|veilles de jours fériés"},
		[]string{"Tuesday to Thursday|10:00|16:00", "Monday afternoon|Friday morning|precautions", "Friday afternoon|weekends|eve of public holidays"}},
	{"checklist-pre-deploy",
		[]string{"*Code*|tous les tests passent|code review approuvée|aucune vulnérabilité connue|documentation à jour",
			"*Infrastructure*|staging OK|migrations BDD prêtes|variables d'environnement configurées|certificats TLS/SSL valides",
			"*Équipe*|équipe disponible pour surveiller|plan de rollback documenté|communication prévue|changelog|status page"},
		[]string{"*Code*|all tests pass|code review approved|no known vulnerabilities|docs up to date",
			"*Infrastructure*|staging OK|database migrations ready|environment variables configured|TLS/SSL certificates valid",
			"*Team*|team available to monitor|rollback plan documented|communication planned|changelog|status page"}},
	{"notification-template",
		[]string{"v1.2.3", "en cours|terminé|échec", "Environnement", "Heure", "feat:", "fix:", "perf:", "Dashboard|Logs", "Responsable", "Rollback"},
		[]string{"v1.2.3", "in progress|done|failed", "Environment", "Time", "feat:", "fix:", "perf:", "Dashboard|Logs", "Owner", "Rollback"}},
	{"metrics-post-deploy",
		[]string{"30 min", "0.1%", "p95|500 ms", "CPU|mémoire|stables", "aucune alerte", "smoke tests OK"},
		[]string{"30 minutes", "0.1%", "p95|500 ms", "CPU|memory|stable", "no alerts", "smoke tests passing"}},
	{"antipatterns-overview",
		[]string{"Déploiement manuel|erreurs humaines|CI/CD automatisé", "Pas de staging|découverts en prod|environnement de test",
			"vendredi soir|personne pour réagir|fenêtres de déploiement", "Pas de rollback|bloqué|plan de retour arrière",
			"Big bang|risque élevé|petits déploiements fréquents"},
		[]string{"Manual deploys|human error|automated CI/CD", "No staging|found in production|test environment",
			"Friday-evening|nobody around|deployment windows", "No rollback|stuck|rollback plan",
			"Big-bang|high risk|small, frequent deploys"}},
	{"tools-overview",
		[]string{"Kubernetes|Helm|Argo CD|Flux", "AWS/GCP/Azure|CDK|Terraform|Pulumi", "Serverless|Serverless Framework|SAM",
			"JAMstack|Vercel|Netlify|Cloudflare Pages", "VPS|Ansible|Docker Compose|Kamal"},
		[]string{"Kubernetes|Helm|Argo CD|Flux", "AWS/GCP/Azure|CDK|Terraform|Pulumi", "Serverless|Serverless Framework|SAM",
			"JAMstack|Vercel|Netlify|Cloudflare Pages", "VPS|Ansible|Docker Compose|Kamal"}},
	{"tools-kubernetes", []string{"Helm", "Argo CD", "Flux"}, []string{"Helm", "Argo CD", "Flux"}},
	{"tools-cloud", []string{"CDK", "Terraform", "Pulumi", "AWS/GCP/Azure"}, []string{"CDK", "Terraform", "Pulumi", "AWS/GCP/Azure"}},
	{"tools-serverless", []string{"Serverless Framework", "SAM"}, []string{"Serverless Framework", "SAM"}},
	{"tools-static-jamstack", []string{"Vercel", "Netlify", "Cloudflare Pages"}, []string{"Vercel", "Netlify", "Cloudflare Pages"}},
	{"tools-vps", []string{"Ansible", "Docker Compose", "Kamal"}, []string{"Ansible", "Docker Compose", "Kamal"}},
	{"deliverables",
		[]string{"Pipeline de déploiement|staging|production", "Checklists de déploiement|staging|production", "Procédures de rollback|documentées|testées"},
		[]string{"Deployment pipeline|staging|production", "Deployment checklists|staging|production", "Rollback procedures|documented|tested"}},
	{"handoff-devops",
		[]string{"devops", "scripts", "pipelines", "infrastructure", "à la main", "À lui apporter"},
		[]string{"devops", "scripts", "pipelines", "infrastructure", "manual work", "Bring them"}},
	{"handoff-direction-technique",
		[]string{"direction technique", "toute l'agence", "À lui apporter"},
		[]string{"technical leadership", "whole agency", "Bring them"}},
	{"migrations-expand-contract", []string{"expand", "contract", "N-1"}, []string{"expand", "contract", "N-1"}},
	{"migrations-by-strategy", []string{"Recreate", "Rolling", "Blue-green", "Canary", "sauvegarde"}, []string{"Recreate", "Rolling", "Blue-green", "Canary", "backup"}},
	{"feature-flags", []string{"kill switch", "sans redéployer"}, []string{"kill switch", "without a redeploy"}},
	{"smoke-tests-design", []string{"parcours critiques", "rapides", "sans effet de bord"}, []string{"critical paths", "fast", "no side effects"}},
	{"staging-parity", []string{"versions", "variables d'environnement", "anonymisées", "sandbox"}, []string{"versions", "environment variables", "anonymised", "sandbox"}},
	{"staging-sandbox-side-effects", []string{"mail catcher", "sk_test_"}, []string{"mail catcher", "sk_test_"}},
	{"staging-validate-build", []string{"smoke tests verts", "QA validée", "aucune nouvelle erreur"}, []string{"smoke tests green", "QA sign-off", "no new errors"}},
	{"zero-downtime", []string{"readiness", "draining", "arrêt gracieux"}, []string{"readiness", "draining", "graceful shutdown"}},
	{"rolling-parameters", []string{"maxSurge", "maxUnavailable"}, []string{"maxSurge", "maxUnavailable"}},
	{"canary-steps", []string{"1 % → 10 % → 50 % → 100 %", "0.1%", "500 ms"}, []string{"1% → 10% → 50% → 100%", "0.1%", "500 ms"}},
	{"blue-green-switch", []string{"base partagée", "expand"}, []string{"shared database", "expand"}},
	{"breaking-api-changes", []string{"additif", "/v2", "/v1"}, []string{"additive", "/v2", "/v1"}},
	{"incident-response",
		[]string{"Déclarer", "Atténuer|rollback d'abord", "Communiquer", "Corriger", "Post-mortem|blameless"},
		[]string{"Declare", "Mitigate|roll back first", "Communicate", "Fix", "post-mortem"}},
	{"rollback-vs-hotfix", []string{"Rollback", "Hotfix"}, []string{"Roll back", "Hotfix", "fix forward"}},
	{"rollback-database", []string{"vers l'avant", "Restaurer", "Sauvegarde"}, []string{"forward", "Restore", "backup"}},
	{"rollback-by-strategy",
		[]string{"Recreate|précédente", "Rolling|rollout undo", "Blue-green|blue", "Canary|0"},
		[]string{"Recreate|previous", "Rolling|rollout undo", "Blue-green|blue", "Canary|0"}},
	{"rollback-when", []string{"30 min", "0.1%", "500 ms"}, []string{"30 minutes", "0.1%", "500 ms"}},
	{"revert-commit-vs-release", []string{"revert", "rollback"}, []string{"revert", "rollback"}},
	{"approvals", []string{"Quatre yeux", "client"}, []string{"Four eyes", "client"}},
	{"freezes-holidays", []string{"gel", "férié"}, []string{"freeze", "holiday"}},
	{"help-deploybot", []string{"déploie", "rollback", "statut", "contexte", "jamais"}, []string{"deploy", "roll back", "status", "context", "never"}},
}

func TestMustHaveFacts(t *testing.T) {
	cards := byID(t)
	for _, f := range facts {
		c, ok := cards[f.id]
		if !ok {
			t.Errorf("no card %q", f.id)
			continue
		}
		for lang, wants := range map[deploybot.Lang][]string{deploybot.French: f.fr, deploybot.English: f.en} {
			for _, want := range wants {
				if !hasFact(c.Body[lang], want) {
					t.Errorf("card %q (%s) does not say %q", f.id, lang, want)
				}
			}
		}
	}
}

// hasFact reports whether body contains want, case-insensitively; the parts
// of a "A|B" want must all appear on one line.
func hasFact(body, want string) bool {
	parts := strings.Split(strings.ToLower(want), "|")
	for line := range strings.SplitSeq(strings.ToLower(body), "\n") {
		all := true
		for _, p := range parts {
			if !strings.Contains(line, p) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// TestKeyNumbersInBothLanguages checks the brief's numbers wherever a card
// quotes them: thresholds and the monitoring time, the windows' hours.
func TestKeyNumbersInBothLanguages(t *testing.T) {
	cards := mustCards(t)
	find := func(pred func(body string) bool) bool {
		for _, c := range cards {
			if pred(c.Body[deploybot.French]) && pred(c.Body[deploybot.English]) {
				return true
			}
		}
		return false
	}
	all := func(subs ...string) func(string) bool {
		return func(body string) bool {
			for _, s := range subs {
				if !strings.Contains(body, s) {
					return false
				}
			}
			return true
		}
	}
	if !find(all("0.1%", "500", "30")) {
		t.Error("no card gives 0.1%, 500 and 30 in both languages")
	}
	if !find(all("10", "16")) {
		t.Error("no card gives the 10 to 16 window in both languages")
	}
	var tools strings.Builder
	for _, c := range cards {
		tools.WriteString(c.Body[deploybot.French] + c.Body[deploybot.English])
	}
	for _, name := range []string{"Helm", "Argo CD", "Flux", "CDK", "Terraform", "Pulumi", "Serverless Framework", "SAM",
		"Vercel", "Netlify", "Cloudflare Pages", "Ansible", "Docker Compose", "Kamal"} {
		if !strings.Contains(tools.String(), name) {
			t.Errorf("no card mentions %s", name)
		}
	}
}

func TestStrategiesCovered(t *testing.T) {
	cards := byID(t)
	for _, s := range deploybot.Strategies {
		c, ok := cards["strategy-"+string(s)]
		if !ok {
			t.Errorf("no card for strategy %s", s)
			continue
		}
		if !c.HasRoute(deploybot.RouteProduction) {
			t.Errorf("card %q: not on the production route", c.ID)
		}
		for _, id := range []string{"strategy-overview", "rollback-by-strategy", "migrations-by-strategy"} {
			for _, l := range langs {
				if !strings.Contains(strings.ToLower(cards[id].Body[l]), string(s)) {
					t.Errorf("card %q (%s) does not cover %s", id, l, s)
				}
			}
		}
	}
}

func TestCardsReturnsCopy(t *testing.T) {
	a := mustCards(t)
	id := a[0].ID
	orig := a[0].Body[deploybot.English]
	a[0].Body[deploybot.English] = "changed"
	a[0].Routes[0] = "changed"
	a[0].Keywords[deploybot.English][0] = "changed"
	a[1] = Card{}
	b := mustCards(t)
	if b[0].ID != id || b[0].Body[deploybot.English] != orig || b[0].Routes[0] == "changed" ||
		b[0].Keywords[deploybot.English][0] == "changed" || b[1].ID == "" {
		t.Error("Cards returned shared data: a caller's change leaked into the next call")
	}
}

func TestTopicAndBodyFallback(t *testing.T) {
	c := Card{
		Topic: map[deploybot.Lang]string{deploybot.French: "Sujet"},
		Body:  map[deploybot.Lang]string{deploybot.English: "Body"},
	}
	for _, tc := range []struct {
		lang        deploybot.Lang
		topic, body string
	}{
		{deploybot.French, "Sujet", "Body"},
		{deploybot.English, "Sujet", "Body"},
		{"de", "Sujet", "Body"},
		{"", "Sujet", "Body"},
	} {
		if got := c.TopicIn(tc.lang); got != tc.topic {
			t.Errorf("TopicIn(%q) = %q, want %q", tc.lang, got, tc.topic)
		}
		if got := c.BodyIn(tc.lang); got != tc.body {
			t.Errorf("BodyIn(%q) = %q, want %q", tc.lang, got, tc.body)
		}
	}
	both := Card{Topic: map[deploybot.Lang]string{deploybot.French: "fr", deploybot.English: "en"}}
	if both.TopicIn(deploybot.French) != "fr" || both.TopicIn(deploybot.English) != "en" || both.TopicIn("de") != "en" {
		t.Error("TopicIn does not prefer the asked language, then English")
	}
	if got := (Card{}).BodyIn(deploybot.French); got != "" {
		t.Errorf("BodyIn of an empty card = %q", got)
	}
	if txt := both.Text(deploybot.French); txt.Topic != "fr" {
		t.Errorf("Text(fr).Topic = %q", txt.Topic)
	}
}

const goodCard = `- id: a-card
  routes: [staging]
  topic: {fr: "Sujet", en: "Topic"}
  keywords: {fr: [mot], en: [word]}
  body:
    fr: |
      Corps
    en: |
      Body
`

func TestLoadCardsStrict(t *testing.T) {
	cards, err := loadCards(fstest.MapFS{"cards/a.yaml": {Data: []byte(goodCard)}})
	if err != nil {
		t.Fatalf("good card: %v", err)
	}
	if len(cards) != 1 || cards[0].Body[deploybot.French] != "Corps" || cards[0].Routes[0] != deploybot.RouteStaging {
		t.Fatalf("good card decoded as %+v", cards)
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown field", map[string]string{"cards/a.yaml": goodCard + "  extra: 1\n"}, "extra"},
		{"unknown route", map[string]string{"cards/a.yaml": strings.Replace(goodCard, "[staging]", "[prod]", 1)}, `unknown route "prod"`},
		{"no route", map[string]string{"cards/a.yaml": strings.Replace(goodCard, "[staging]", "[]", 1)}, "no routes"},
		{"route twice", map[string]string{"cards/a.yaml": strings.Replace(goodCard, "[staging]", "[staging, staging]", 1)}, "twice"},
		{"unknown language", map[string]string{"cards/a.yaml": strings.Replace(goodCard, `en: "Topic"`, `de: "Thema"`, 1)}, `unknown language "de"`},
		{"bad id", map[string]string{"cards/a.yaml": strings.Replace(goodCard, "a-card", "A_Card", 1)}, "kebab-case"},
		{"no body", map[string]string{"cards/a.yaml": strings.Split(goodCard, "  body:")[0]}, "no body"},
		{"duplicate id", map[string]string{"cards/a.yaml": goodCard, "cards/b.yaml": goodCard}, "duplicate id"},
		{"two documents", map[string]string{"cards/a.yaml": goodCard + "---\n" + goodCard}, "single YAML document"},
		{"empty file", map[string]string{"cards/a.yaml": ""}, "no cards"},
		{"not a list", map[string]string{"cards/a.yaml": "id: x\n"}, "cards/a.yaml"},
		{"no files", map[string]string{"other/a.yaml": goodCard}, "no cards/*.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := loadCards(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
	_, err = loadCards(fstest.MapFS{"cards/a.yaml": {Data: []byte(goodCard + strings.Replace(goodCard, "[staging]", "[nope]", 1))}})
	if err == nil || !strings.Contains(err.Error(), "cards/a.yaml:10") {
		t.Errorf("error %v does not give the card's line", err)
	}
}

func sampleData(lang deploybot.Lang) SystemData {
	return SystemData{
		Lang: lang,
		Now:  "Thursday 2026-11-26 18:05 CET",
		Context: []deploybot.Setting{
			{Scope: deploybot.ScopeAgency, Key: deploybot.KeyStrategy, Value: "rolling"},
			{Scope: deploybot.ScopeProject, Project: "shop", Key: deploybot.KeyApproval, Value: "client-approval-7731"},
		},
		Cards: []CardText{{Topic: "Topic-4242", Body: "Body-4242 line one\nline two"}},
	}
}

func TestSystemTemplates(t *testing.T) {
	for _, r := range systemRoutes {
		for _, lang := range langs {
			t.Run(fmt.Sprintf("%s/%s", r, lang), func(t *testing.T) {
				tmpl, err := System(r)
				if err != nil {
					t.Fatalf("System(%s): %v", r, err)
				}
				var out strings.Builder
				if err := tmpl.Execute(&out, sampleData(lang)); err != nil {
					t.Fatalf("execute: %v", err)
				}
				s := out.String()
				language := map[deploybot.Lang]string{deploybot.French: "Answer in French", deploybot.English: "Answer in English"}[lang]
				for _, want := range []string{
					language, "*" + string(r) + "*", "Out of your scope", "devops", "technical leadership",
					"never confirm, approve", "Topic-4242", "Body-4242 line one\nline two",
					"[agency] strategy: rolling", "[project] approval: client-approval-7731",
					"Thursday 2026-11-26 18:05 CET", "do not cover",
				} {
					if !strings.Contains(s, want) {
						t.Errorf("prompt does not contain %q:\n%s", want, s)
					}
				}
				if strings.Contains(s, "<no value>") || strings.Contains(s, "{{") {
					t.Errorf("prompt has template leftovers:\n%s", s)
				}
				if strings.Contains(s, "\n\n\n") {
					t.Errorf("prompt has runs of blank lines:\n%s", s)
				}
			})
		}
	}
}

func TestSystemTemplatesEmptyAndMapData(t *testing.T) {
	for _, r := range systemRoutes {
		tmpl, err := System(r)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		if err := tmpl.Execute(&out, SystemData{Lang: deploybot.French}); err != nil {
			t.Fatalf("%s: execute empty data: %v", r, err)
		}
		for _, want := range []string{"Answer in French", "none given", "no card matched", "Current time: unknown"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s: empty-data prompt does not contain %q", r, want)
			}
		}
		out.Reset()
		data := map[string]any{
			"Lang":    "en",
			"Now":     "Monday 2026-11-23 10:00 CET",
			"Context": []map[string]string{{"Key": "sla", "Value": "weekly", "Scope": "project"}},
			"Cards":   []map[string]string{{"Topic": "T", "Body": "B"}},
		}
		if err := tmpl.Execute(&out, data); err != nil {
			t.Fatalf("%s: execute map data: %v", r, err)
		}
		if !strings.Contains(out.String(), "Answer in English") || !strings.Contains(out.String(), "[project] sla: weekly") {
			t.Errorf("%s: map-data prompt is wrong:\n%s", r, out.String())
		}
		if err := tmpl.Execute(&out, map[string]any{"Lang": "en"}); err == nil {
			t.Errorf("%s: executing without Cards, Context and Now succeeded; want a missing-key error", r)
		}
	}
}

func TestSystemUnknownRoute(t *testing.T) {
	for _, r := range []deploybot.Route{deploybot.RouteDevops, deploybot.RouteDirection, "nope", ""} {
		tmpl, err := System(r)
		if err == nil || tmpl != nil {
			t.Errorf("System(%q) = %v, %v; want an error", r, tmpl, err)
			continue
		}
		if code := deploybot.ErrorCode(err); code != deploybot.ENOTFOUND {
			t.Errorf("System(%q) error code %q, want %q", r, code, deploybot.ENOTFOUND)
		}
	}
}

func TestSystemReturnsClone(t *testing.T) {
	a, err := System(deploybot.RouteStaging)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.New("rules").Parse("overwritten"); err != nil {
		t.Fatal(err)
	}
	b, err := System(deploybot.RouteStaging)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := b.Execute(&out, sampleData(deploybot.English)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "overwritten") {
		t.Error("a caller's change to a template leaked into the next System call")
	}
}

// TestSystemFiles checks that every system/*.tmpl is used.
func TestSystemFiles(t *testing.T) {
	names, err := fs.Glob(files, "system/*.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{path.Base(commonTemplate)}
	for _, r := range systemRoutes {
		want = append(want, string(r)+".tmpl")
	}
	for _, n := range names {
		if !slices.Contains(want, path.Base(n)) {
			t.Errorf("%s is not a system prompt of any route", n)
		}
	}
	if len(names) != len(want) {
		t.Errorf("got system files %v, want %v", names, want)
	}
}
