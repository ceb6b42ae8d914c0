package router

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"deploybot"
)

// reads/questions.jsonl (questionroute.go) is generated before model.bin,
// which the topic model learns it into.
//go:generate go test -run ^TestReadSetsFile$ . -args -update

// The training corpus: labelled chat messages in French and English, written
// for deploybot (never the evaluation sets). go generate ./router/ trains the
// models on it into model.bin.
//
//go:embed corpus/*.jsonl
var corpusFS embed.FS

// corpusProjects are the projects the corpus talks about. Their names are
// replaced by a placeholder before training, so the model does not depend on
// them.
var corpusProjects = []deploybot.Project{
	{Name: "shop"}, {Name: "blog"}, {Name: "auth"}, {Name: "payments", Aliases: []string{"pay"}},
	{Name: "crm"}, {Name: "dashboard", Aliases: []string{"dash"}}, {Name: "notifier"},
	{Name: "api", Aliases: []string{"backend"}}, {Name: "checkout"}, {Name: "website", Aliases: []string{"site"}},
	{Name: "billing"}, {Name: "search"}, {Name: "intranet"}, {Name: "catalog"}, {Name: "booking"},
	{Name: "newsletter"}, {Name: "analytics", Aliases: []string{"stats"}}, {Name: "cms"},
	{Name: "mobile-api"}, {Name: "extranet"},
}

// Labelled is one labelled message, in the format of the corpus and of the
// evaluation sets.
type Labelled struct {
	Text    string `json:"text"`
	Lang    string `json:"lang"`
	Route   string `json:"route"`
	Intent  string `json:"intent"`
	App     string `json:"app,omitempty"`
	Env     string `json:"env,omitempty"`
	Version string `json:"version,omitempty"`

	// The route JSON fields of DESIGN §4b, in the sets that label them.
	Kind    string            `json:"kind,omitempty"`
	Command string            `json:"command,omitempty"`
	Args    map[string]string `json:"args,omitempty"`
	From    string            `json:"from,omitempty"`
	// History holds the earlier messages of the conversation, oldest
	// first, for a follow-up answer.
	History []string `json:"history,omitempty"`
}

// ReadLabelled reads JSON lines of labelled messages; blank lines are skipped.
func ReadLabelled(data []byte) ([]Labelled, error) {
	var out []Labelled
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var l Labelled
		if err := json.Unmarshal(line, &l); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// corpus returns the embedded training messages.
func corpus() ([]Labelled, error) {
	files, err := fs.Glob(corpusFS, "corpus/*.jsonl")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all []Labelled
	for _, f := range files {
		data, err := corpusFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ls, err := ReadLabelled(data)
		if err != nil {
			return nil, fmt.Errorf("router: corpus %s: %w", f, err)
		}
		all = append(all, ls...)
	}
	return all, nil
}

// Corpus returns the texts of the training corpus, so that tests can check
// it shares no message with an evaluation set.
func Corpus() ([]string, error) {
	return textsOf(corpus())
}

// textsOf returns the texts of labelled messages ls, or err.
func textsOf(ls []Labelled, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Text
	}
	return out, nil
}
