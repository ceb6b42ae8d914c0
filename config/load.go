package config

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// LocalFile is the file Load reads when no path is given and it exists in the
// current directory.
const LocalFile = "./deploybot.yaml"

// builtInName names the embedded defaults in problems.
const builtInName = "built-in default.yaml"

//go:embed default.yaml
var defaultYAML []byte

// Source says where a configuration came from.
type Source struct {
	Path    string // the file read; empty for the built-in defaults
	BuiltIn bool   // the embedded defaults were used
}

// String describes the source for logs and messages: "config file
// ./deploybot.yaml" or "built-in defaults".
func (s Source) String() string {
	if s.BuiltIn {
		return "built-in defaults"
	}
	return "config file " + s.Path
}

// Load reads the configuration: the file at path when path is not empty (a
// missing file is an error), else ./deploybot.yaml when it exists, else the
// built-in defaults. Environment references are expanded from the process
// environment. It returns the source even when loading fails. A file that does
// not validate gives a *ValidationError.
func Load(path string) (*Config, Source, error) {
	var src Source
	var data []byte
	var err error
	switch {
	case path != "":
		src = Source{Path: path}
		data, err = os.ReadFile(path)
	default:
		data, err = os.ReadFile(LocalFile)
		switch {
		case err == nil:
			src = Source{Path: LocalFile}
		case errors.Is(err, fs.ErrNotExist):
			src, data, err = Source{BuiltIn: true}, defaultYAML, nil
		default:
			src = Source{Path: LocalFile}
		}
	}
	if err != nil {
		return nil, src, fmt.Errorf("read configuration: %w", err)
	}
	name := src.Path
	if src.BuiltIn {
		name = builtInName
	}
	cfg, err := ParseWith(data, name, os.LookupEnv)
	return cfg, src, err
}

// Parse parses and validates a configuration file called name (used in
// problems), expanding environment references from the process environment.
// It returns a *ValidationError listing every problem, or the configuration
// with every default filled in.
func Parse(data []byte, name string) (*Config, error) {
	return ParseWith(data, name, os.LookupEnv)
}

// ParseWith is Parse with the environment given by lookup, which has the
// signature of os.LookupEnv.
func ParseWith(data []byte, name string, lookup func(string) (string, bool)) (*Config, error) {
	if lookup == nil {
		lookup = func(string) (string, bool) { return "", false }
	}
	c := newChecker(lookup)
	cfg := &Config{}
	root, err := parseYAML(data)
	if err != nil {
		return nil, &ValidationError{Name: name, Problems: []Problem{syntaxProblem(err, data)}}
	}
	if root != nil {
		c.walk(&root, reflect.TypeFor[Config](), "", true)
		if c.visits > maxVisits {
			return nil, &ValidationError{Name: name, Problems: c.problems}
		}
		if !isNull(root) && root.Kind == yaml.MappingNode {
			if err := root.Decode(cfg); err != nil {
				// The checker clears what cannot decode, so a failure here
				// follows from a problem already reported, if any.
				if len(c.problems) == 0 {
					c.problems = decodeProblems(err)
				}
				return nil, &ValidationError{Name: name, Problems: sorted(c.problems)}
			}
		}
	}
	c.defaults(cfg)
	c.validate(cfg)
	cfg.Warnings = sorted(c.warnings)
	if len(c.problems) > 0 {
		return nil, &ValidationError{Name: name, Problems: sorted(c.problems)}
	}
	cfg.canonicalize()
	cfg.File, cfg.Raw = name, data
	cfg.Lines = make(map[string]int, len(c.nodes))
	for path, n := range c.nodes {
		if n != nil && n.Line > 0 && !c.broken[path] {
			cfg.Lines[path] = n.Line
		}
	}
	return cfg, nil
}

// Line returns the line of the file where the value at path is written
// ("agency.approval", "projects[0].environments[1].approval"), or 0 when
// the file does not write it (a default applies).
func (c *Config) Line(path string) int { return c.Lines[path] }

// parseYAML returns the content node of the single document in data, or nil
// when data holds no document.
func parseYAML(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var next yaml.Node
	if err := dec.Decode(&next); err == nil {
		return nil, fmt.Errorf("yaml: line %d: a second YAML document (---) is not allowed: one file holds one configuration", next.Line)
	} else if !errors.Is(err, io.EOF) {
		return nil, err
	}
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			return nil, nil
		}
		return doc.Content[0], nil
	}
	return &doc, nil
}

var (
	lineRE   = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	anchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// syntaxProblem turns a YAML parser error into a Problem with its line.
func syntaxProblem(err error, data []byte) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	p := Problem{Message: "invalid YAML: " + msg}
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		p.Message = "invalid YAML: " + m[2]
		// The parser (unlike the scanner) reports the 0-based line where
		// the construct it could not finish started.
		if strings.HasPrefix(m[2], "did not find expected") {
			p.Line = min(p.Line+1, strings.Count(strings.TrimRight(string(data), "\n"), "\n")+1)
		}
	} else if m := anchorRE.FindStringSubmatch(msg); m != nil {
		for i, line := range strings.Split(string(data), "\n") {
			if col := strings.Index(line, "*"+m[1]); col >= 0 {
				p.Line, p.Column = i+1, col+1
				break
			}
		}
	}
	return p
}

// decodeProblems turns a decoding error into problems. The checker
// normalises the tree first, so this is a safety net.
func decodeProblems(err error) []Problem {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return []Problem{{Message: fmt.Sprintf("cannot decode: %v", err)}}
	}
	var ps []Problem
	for _, e := range te.Errors {
		p := Problem{Message: e}
		if m := lineRE.FindStringSubmatch(e); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Message = m[2]
		}
		ps = append(ps, p)
	}
	return ps
}
