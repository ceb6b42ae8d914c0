// Package prompts holds deploybot's knowledge: bilingual knowledge cards that
// ground the agents' answers (cards/*.yaml) and the system prompts given to
// the language model (system/*.tmpl). Both are embedded in the binary, the
// cards as cards.bin (see cardsfile.go).
//
// A card is a short, Slack-ready answer to one topic, in French and English,
// with the routes (agents) it belongs to and the words people use to ask
// about it. Cards are parsed strictly when go generate ./prompts/ writes
// cards.bin (and by TestCardsFile): an unknown field, an unknown language,
// an invalid route or a duplicate id is an error.
package prompts

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"text/template"

	"go.yaml.in/yaml/v3"

	"deploybot"
)

// files are the system prompts. The cards are read from cards.bin, made
// from cards/*.yaml (cardsfile.go).
//
//go:embed system/*.tmpl
var files embed.FS

// Card is one piece of deployment knowledge, in both languages.
type Card struct {
	ID       string                      `yaml:"id"`       // unique, kebab-case
	Routes   []deploybot.Route           `yaml:"routes"`   // the agents it belongs to
	Topic    map[deploybot.Lang]string   `yaml:"topic"`    // a one-line title
	Body     map[deploybot.Lang]string   `yaml:"body"`     // the answer, Slack markdown
	Keywords map[deploybot.Lang][]string `yaml:"keywords"` // lowercase words people ask with
}

// TopicIn returns the card's topic in lang, or in the other language when
// the card has none in lang.
func (c Card) TopicIn(lang deploybot.Lang) string { return inLang(c.Topic, lang) }

// BodyIn returns the card's body in lang, or in the other language when the
// card has none in lang.
func (c Card) BodyIn(lang deploybot.Lang) string { return inLang(c.Body, lang) }

// HasRoute reports whether the card belongs to route.
func (c Card) HasRoute(route deploybot.Route) bool { return slices.Contains(c.Routes, route) }

// Text returns the card's topic and body in lang, as a system template
// reads them.
func (c Card) Text(lang deploybot.Lang) CardText {
	return CardText{Topic: c.TopicIn(lang), Body: c.BodyIn(lang)}
}

// inLang picks m[lang], falling back to the other language (English first for
// a language that is neither French nor English).
func inLang(m map[deploybot.Lang]string, lang deploybot.Lang) string {
	if s := m[lang]; s != "" {
		return s
	}
	order := []deploybot.Lang{deploybot.English, deploybot.French}
	if lang == deploybot.English {
		order = []deploybot.Lang{deploybot.French}
	}
	for _, l := range order {
		if s := m[l]; s != "" {
			return s
		}
	}
	return ""
}

// Cards returns every embedded card, in file order (files sorted by name).
// Each call reads them from cards.bin, a fresh copy that the caller may
// modify: nothing is kept here, the caller keeps what it uses (its
// strings are the binary's read-only data).
func Cards() ([]Card, error) {
	return decodeCardsFile(cardsBin)
}

// loadCards reads and checks every cards/*.yaml file of fsys.
func loadCards(fsys fs.FS) ([]Card, error) {
	names, err := fs.Glob(fsys, "cards/*.yaml")
	if err != nil {
		return nil, fmt.Errorf("prompts: list cards: %w", err)
	}
	if len(names) == 0 {
		return nil, errors.New("prompts: no cards/*.yaml file")
	}
	var all []Card
	seen := make(map[string]string) // id -> file:line
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("prompts: %w", err)
		}
		cards, lines, err := decodeCards(name, data)
		if err != nil {
			return nil, err
		}
		for i, c := range cards {
			at := fmt.Sprintf("%s:%d", name, lines[i])
			if err := checkCard(c); err != nil {
				return nil, fmt.Errorf("prompts: %s: card %q: %w", at, c.ID, err)
			}
			if prev, ok := seen[c.ID]; ok {
				return nil, fmt.Errorf("prompts: %s: card %q: duplicate id, first at %s", at, c.ID, prev)
			}
			seen[c.ID] = at
		}
		all = append(all, cards...)
	}
	return all, nil
}

// decodeCards parses one file: a single YAML document holding a list of
// cards. Unknown fields are errors. It also returns the line of each card.
func decodeCards(name string, data []byte) ([]Card, []int, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var cards []Card
	if err := dec.Decode(&cards); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, fmt.Errorf("prompts: %s: no cards", name)
		}
		return nil, nil, fmt.Errorf("prompts: %s: %w", name, err)
	}
	if err := dec.Decode(new(any)); !errors.Is(err, io.EOF) {
		return nil, nil, fmt.Errorf("prompts: %s: want a single YAML document", name)
	}
	if len(cards) == 0 {
		return nil, nil, fmt.Errorf("prompts: %s: no cards", name)
	}
	for _, c := range cards {
		for l, s := range c.Topic {
			c.Topic[l] = strings.TrimSpace(s)
		}
		for l, s := range c.Body {
			c.Body[l] = strings.TrimSpace(s) // block scalars end with a newline
		}
	}
	// A second, untyped pass gives each card's line for error messages.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, fmt.Errorf("prompts: %s: %w", name, err)
	}
	lines := make([]int, len(cards))
	if len(doc.Content) == 1 && len(doc.Content[0].Content) == len(cards) {
		for i, n := range doc.Content[0].Content {
			lines[i] = n.Line
		}
	}
	return cards, lines, nil
}

var kebab = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkCard reports the first structural problem of c. A card may lack one
// language (TopicIn and BodyIn fall back to the other) but not both.
func checkCard(c Card) error {
	if !kebab.MatchString(c.ID) {
		return fmt.Errorf("id must be kebab-case")
	}
	if len(c.Routes) == 0 {
		return errors.New("no routes")
	}
	for i, r := range c.Routes {
		if !r.Valid() {
			return fmt.Errorf("unknown route %q", r)
		}
		if slices.Contains(c.Routes[:i], r) {
			return fmt.Errorf("route %q listed twice", r)
		}
	}
	for field, langs := range map[string][]deploybot.Lang{
		"topic":    keys(c.Topic),
		"body":     keys(c.Body),
		"keywords": keysOf(c.Keywords),
	} {
		for _, l := range langs {
			if l != deploybot.French && l != deploybot.English {
				return fmt.Errorf("%s: unknown language %q (want fr or en)", field, l)
			}
		}
	}
	if strings.TrimSpace(c.TopicIn(deploybot.English)) == "" {
		return errors.New("no topic")
	}
	if strings.TrimSpace(c.BodyIn(deploybot.English)) == "" {
		return errors.New("no body")
	}
	return nil
}

func keys(m map[deploybot.Lang]string) []deploybot.Lang {
	out := make([]deploybot.Lang, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func keysOf(m map[deploybot.Lang][]string) []deploybot.Lang {
	out := make([]deploybot.Lang, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// SystemData is what a system template reads. Agents may pass any value with
// the same field names (a map works too).
type SystemData struct {
	Lang    deploybot.Lang      // language of the answer: "fr" or "en"
	Context []deploybot.Setting // resolved context; the template reads Key, Value and Scope
	Cards   []CardText          // the cards retrieved for the question, in Lang
	Now     string              // current local time with weekday and zone, e.g. "Thursday 2026-11-26 18:05 CET"
}

// CardText is a card rendered in one language.
type CardText struct {
	Topic string
	Body  string
}

// systemRoutes are the agents that talk through the language model. Devops
// and direction-technique are hand-offs answered from cards alone.
var systemRoutes = []deploybot.Route{
	deploybot.RouteStaging,
	deploybot.RouteProduction,
	deploybot.RouteRollback,
	deploybot.RouteOrchestrator,
}

// commonTemplate holds the blocks every system prompt shares.
const commonTemplate = "system/common.tmpl"

var loadSystemOnce = sync.OnceValues(func() (map[deploybot.Route]*template.Template, error) {
	return loadSystem(files)
})

// loadSystem parses, for each agent route, system/common.tmpl with
// system/<route>.tmpl.
func loadSystem(fsys fs.FS) (map[deploybot.Route]*template.Template, error) {
	out := make(map[deploybot.Route]*template.Template, len(systemRoutes))
	for _, r := range systemRoutes {
		file := "system/" + string(r) + ".tmpl"
		t, err := template.New(path.Base(file)).Option("missingkey=error").ParseFS(fsys, commonTemplate, file)
		if err != nil {
			return nil, fmt.Errorf("prompts: system prompt %s: %w", r, err)
		}
		out[r] = t
	}
	return out, nil
}

// System returns the system prompt template of route's agent, to execute
// with a SystemData (or any value with the same fields). It returns a fresh
// clone on each call. Routes without a language-model agent (devops,
// direction-technique) have no system prompt: the error has code
// deploybot.ENOTFOUND.
func System(route deploybot.Route) (*template.Template, error) {
	all, err := loadSystemOnce()
	if err != nil {
		return nil, err
	}
	t, ok := all[route]
	if !ok {
		return nil, deploybot.Errorf(deploybot.ENOTFOUND, "no system prompt for route %q", route)
	}
	return t.Clone()
}
