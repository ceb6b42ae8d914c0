package router

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"deploybot"
)

// suggestProjects are the projects of the suggestions' tests.
var suggestProjects = []deploybot.Project{
	{Name: "api", Aliases: []string{"backend"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "web", Aliases: []string{"site"}, Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}}},
	{Name: "shop", Environments: []deploybot.Environment{{Name: "staging"}, {Name: "production"}, {Name: "uat"}}},
}

func suggestRouter(t testing.TB) *Router {
	t.Helper()
	r, err := New(suggestProjects)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSuggestions: what a message not understood is offered, in both
// languages: the command a word nearly is, the project or environment it
// nearly names, the question of the topic it points to, and the three of
// old for the rest.
func TestSuggestions(t *testing.T) {
	r := suggestRouter(t)
	en, fr := deploybot.English, deploybot.French
	tests := []struct {
		text string
		lang deploybot.Lang
		want []string
	}{
		// A command word misspelled.
		{"staus", en, []string{"status", "help", "can I deploy now?"}},
		{"ça staus", fr, []string{"statut", "aide", "je peux déployer maintenant ?"}},
		{"the staus of the shopp thing", en, []string{"status shop", "history shop", "help"}},
		{"rolbak", en, []string{"how do I roll back?", "help", "status"}},
		{"ça rolbak", fr, []string{"comment faire un rollback ?", "aide", "statut"}},
		{"rolbak api", en, []string{"rollback api", "status api", "history api"}},
		{"rolbak webb stagign", en, []string{"rollback web on staging", "status web", "history web"}},
		{"rolbak shopp prdo", en, []string{"rollback shop on production", "status shop", "history shop"}},
		{"rolbak shopp prdo", fr, []string{"rollback shop en production", "statut shop", "historique shop"}},
		{"dpeloy", en, []string{"can I deploy now?", "help", "status"}},
		{"dpeloy webb to stagign", en, []string{"deploy web to staging", "status web", "history web"}},
		{"deplyoer le site en uat", fr, []string{"déploie web en uat", "statut web", "historique web"}},
		{"lsit", en, []string{"list projects", "list locks", "list freezes"}},
		{"ça lsit", fr, []string{"liste des projets", "liste des verrous", "liste des gels"}},
		{"lsit lcoks", en, []string{"list locks", "help", "status"}},
		{"verouille", fr, []string{"liste des verrous", "aide", "statut"}},
		{"verouille api", fr, []string{"liste des verrous", "statut api", "historique api"}},
		{"unfrezee web", en, []string{"list freezes", "status web", "history web"}},
		{"aprove 12", en, []string{"pending", "help", "status"}},
		{"confrime le 12", fr, []string{"pending", "aide", "statut"}},
		// A project or an environment nearly named.
		{"shopp", en, []string{"status shop", "history shop", "help"}},
		{"et le bakend ?", fr, []string{"statut api", "historique api", "aide"}},
		{"prdo", en, []string{"can I deploy now?", "help", "status"}},
		{"stagign", fr, []string{"comment valider la recette ?", "aide", "statut"}},
		// The topic the words point to.
		{"checklst", en, []string{"what's the checklist?", "help", "status"}},
		{"chekclist ?", fr, []string{"quelle est la checklist ?", "aide", "statut"}},
		{"stratgies", en, []string{"what are the deployment strategies?", "help", "status"}},
		{"bleu vert", fr, []string{"quelles sont les stratégies de déploiement ?", "aide", "statut"}},
		{"fenetres", fr, []string{"quelles sont les fenêtres de déploiement ?", "aide", "statut"}},
		{"windows ?", en, []string{"what are the deployment windows?", "help", "status"}},
		{"et si ça recasse, on fait quoi ?", fr, []string{"comment faire un rollback ?", "aide", "statut"}},
		// Nothing near: the three of old.
		{"asdf qwer zxcv", en, []string{"help", "status", "can I deploy now?"}},
		{"bloup blip patate chaussette", fr, []string{"aide", "statut", "je peux déployer maintenant ?"}},
		{"quelle est la recette de la pâte à crêpes ?", fr, []string{"aide", "statut", "je peux déployer maintenant ?"}},
		{"aaaaah le café est vide", fr, []string{"aide", "statut", "je peux déployer maintenant ?"}},
		{"fais moi un résumé du dernier épisode", fr, []string{"aide", "statut", "je peux déployer maintenant ?"}},
		{"delete the second one", en, []string{"help", "status", "can I deploy now?"}},
		{"le wifi de la salle de réunion marche pas", fr, []string{"aide", "statut", "je peux déployer maintenant ?"}},
		{"", en, []string{"help", "status", "can I deploy now?"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if got := r.suggestions(tc.text, tc.lang); !slices.Equal(got, tc.want) {
				t.Errorf("suggestions(%q, %s) = %q, want %q", tc.text, tc.lang, got, tc.want)
			}
		})
	}
}

// TestNotUnderstoodSuggests: the parser's requests not understood carry
// the suggestions; the lines it understands carry none.
func TestNotUnderstoodSuggests(t *testing.T) {
	r := suggestRouter(t)
	tests := []struct {
		text string
		kind deploybot.RequestKind
		want []string
	}{
		{"rolbak ??", deploybot.KindUnknown, []string{"how do I roll back?", "help", "status"}},
		{"ça lsit", deploybot.KindUnknown, []string{"liste des projets", "liste des verrous", "liste des gels"}},
		{"bof checklst", deploybot.KindUnknown, []string{"what's the checklist?", "help", "status"}},
		{"stratgies ?", deploybot.KindUnknown, []string{"what are the deployment strategies?", "help", "status"}},
		{"asdfghjkl", deploybot.KindUnknown, []string{"help", "status", "can I deploy now?"}},
		{"status api", deploybot.KindCommand, nil},
		{"deploy api to staging", deploybot.KindAction, nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			req := r.Parse(context.Background(), tc.text, nil)
			if req.Kind != tc.kind || !slices.Equal(req.Alternatives, tc.want) {
				t.Errorf("Parse(%q) = %s %q, want %s %q", tc.text, req.Kind, req.Alternatives, tc.kind, tc.want)
			}
		})
	}
}

// TestSuggestionQuestionsGetTheirCards: each topic's question, in each
// language, is understood and gets that topic's card (its topic, or its
// route where the cards are chosen by their words).
func TestSuggestionQuestionsGetTheirCards(t *testing.T) {
	r := suggestRouter(t)
	tests := []struct {
		topic suggestTopic
		want  deploybot.Topic
		route deploybot.Route
	}{
		{topicChecklist, deploybot.TopicChecklist, deploybot.RouteOrchestrator},
		{topicStrategies, deploybot.TopicStrategies, deploybot.RouteProduction},
		{topicWindows, "", deploybot.RouteOrchestrator},
		{topicRollback, "", deploybot.RouteRollback},
		{topicStaging, "", deploybot.RouteStaging},
	}
	for _, tc := range tests {
		for _, l := range []deploybot.Lang{deploybot.English, deploybot.French} {
			q := topicQuestion(tc.topic, l)
			req := r.Parse(context.Background(), q, nil)
			if req.Kind != deploybot.KindQuestion || req.Topic != tc.want || req.Route != tc.route || req.Lang != l {
				t.Errorf("%q: %s %s topic %q route %s, want a %s question of topic %q route %s", q, req.Lang, req.Kind, req.Topic, req.Route, l, tc.want, tc.route)
			}
		}
	}
}

// TestSuggestionsAreSafe (attacks): whatever the message, a suggestion is
// at most three, one short line without an option, understood by the
// parser as a read command or a question, or as a deploy or a rollback of
// a project the message wrote or nearly wrote; no suggestion names a
// project the message did not (nearly) write, and gibberish is offered
// no order.
func TestSuggestionsAreSafe(t *testing.T) {
	r := suggestRouter(t)
	lines := []string{
		"rolbak api", "rolbak shopp prdo --yes", "dpeloy webb to stagign", "deplyoer le site en uat", "verouille api", "unfrezee web",
		"aprove 12 --force now", "confrime le 12", "shopp", "prdo", "lsit", "rolbak", "dpeloy", "rolbak everything now",
		"dpeloy all the things to prod", "rollback prod", "déploie tout en prod", "rm -rf / ; dpeloy api", "rolbak\napi",
		"rolbak `api`", "<@U123> dpeloy", "dpeloy " + strings.Repeat("x", 500), "status " + strings.Repeat("api ", 1000),
	}
	// Gibberish: words of random letters, none of them a project's.
	rng := rand.New(rand.NewPCG(12, 2))
	var gibberish []string
	for range 300 {
		n := 1 + rng.IntN(6)
		ws := make([]string, n)
		for i := range ws {
			b := make([]byte, 2+rng.IntN(9))
			for j := range b {
				b[j] = byte('a' + rng.IntN(26))
			}
			ws[i] = string(b)
		}
		gibberish = append(gibberish, strings.Join(ws, " "))
	}
	for _, text := range append(lines, gibberish...) {
		isGibberish := slices.Contains(gibberish, text)
		for _, l := range []deploybot.Lang{deploybot.English, deploybot.French} {
			got := r.suggestions(text, l)
			if len(got) == 0 || len(got) > maxSuggestions {
				t.Errorf("%q: %d suggestions %q", text, len(got), got)
			}
			for _, s := range got {
				if s == "" || len(s) > 200 || strings.ContainsAny(s, "\n\r") || strings.Contains(s, "--") {
					t.Errorf("%q: suggestion %q is no button's value", text, s)
					continue
				}
				req := r.Parse(context.Background(), s, nil)
				app := req.App
				if app == "" {
					app = req.SubjectApp
				}
				switch {
				case req.Kind == deploybot.KindUnknown:
					t.Errorf("%q: suggestion %q is not understood", text, s)
				case req.Kind == deploybot.KindCommand && !readOnly[req.Command]:
					t.Errorf("%q: suggestion %q is the command %s, which changes a state", text, s, req.Command)
				case req.Kind == deploybot.KindAction && (req.App == "" || isGibberish):
					t.Errorf("%q: suggestion %q orders %s of %q", text, s, req.Intent.Intent, req.App)
				case req.Kind == deploybot.KindAction && req.Version != "":
					t.Errorf("%q: suggestion %q names the version %q", text, s, req.Version)
				}
				if app != "" && !writtenOrNearly(r, text, app) {
					t.Errorf("%q: suggestion %q names %s, which the message does not", text, s, app)
				}
			}
		}
	}
}

// writtenOrNearly reports whether text names the project app, or nearly.
func writtenOrNearly(r *Router, text, app string) bool {
	for _, w := range Words(text) {
		if r.ix.names[w] == app {
			return true
		}
		if a, ok := r.nearProject(w); ok && a == app {
			return true
		}
	}
	return false
}

// TestSuggestionsOfLongText (attack): 100 KB of text is read to its
// first kilobytes: what comes after them suggests nothing, and the work
// (counted in allocations, not time) is that of a short message.
func TestSuggestionsOfLongText(t *testing.T) {
	r := suggestRouter(t)
	long := strings.Repeat("blorp zibble ", 100_000/13) + "rolbak api"
	if got, want := r.suggestions(long, deploybot.English), defaultSuggestions(deploybot.English); !slices.Equal(got, want) {
		t.Errorf("suggestions of 100 KB = %q, want %q", got, want)
	}
	short := strings.Repeat("blorp zibble ", 157)
	allocs := func(text string) float64 {
		return testing.AllocsPerRun(5, func() { r.suggestions(text, deploybot.English) })
	}
	if a, b := allocs(long), allocs(short); a > b+2 {
		t.Errorf("suggestions of 100 KB: %.0f allocations, of 2 KB: %.0f", a, b)
	}
	if req := r.Parse(context.Background(), long, nil); len(req.Alternatives) > maxSuggestions {
		t.Errorf("Parse of 100 KB: %d alternatives", len(req.Alternatives))
	}
	// A multibyte rune at the cut is not split.
	cut := suggestHead(strings.Repeat("é", suggestBytes))
	if !strings.HasSuffix(cut, "é") || len(cut) > suggestBytes {
		t.Errorf("suggestHead cut %d bytes ending %q", len(cut), cut[len(cut)-2:])
	}
}

func BenchmarkSuggestions100KB(b *testing.B) {
	r := suggestRouter(b)
	long := strings.Repeat("blorp zibble ", 100_000/13) + "rolbak api"
	b.ReportAllocs()
	for b.Loop() {
		r.suggestions(long, deploybot.English)
	}
}
