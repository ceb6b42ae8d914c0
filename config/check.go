package config

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// checker walks the YAML node tree against the Go types of Config. It reports
// unknown and duplicate keys and values of the wrong type, expands
// environment references in scalar values, normalises scalars so that
// decoding cannot fail, and remembers where each value is for the semantic
// checks that follow decoding.
type checker struct {
	lookup   func(string) (string, bool)
	problems []Problem
	warnings []Problem
	nodes    map[string]*yaml.Node // value node by path
	keys     map[string]*yaml.Node // key node by path
	broken   map[string]bool       // paths whose value was rejected and cleared
	done     map[*yaml.Node]bool   // scalars already expanded (aliases share nodes)
	active   map[*yaml.Node]bool   // alias targets being walked, against cycles
	visits   int                   // nodes walked
}

func newChecker(lookup func(string) (string, bool)) *checker {
	return &checker{
		lookup: lookup,
		nodes:  map[string]*yaml.Node{},
		keys:   map[string]*yaml.Node{},
		broken: map[string]bool{},
		done:   map[*yaml.Node]bool{},
		active: map[*yaml.Node]bool{},
	}
}

// report adds a problem at node n.
func (c *checker) report(n *yaml.Node, path, format string, args ...any) {
	p := Problem{Path: path, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		p.Line, p.Column = n.Line, n.Column
	}
	c.problems = append(c.problems, p)
}

// reject reports a problem with the value in slot and replaces it with null,
// so that decoding leaves the field at its default and no further problem is
// reported under path. The node itself is left alone: an anchored value may
// be used elsewhere.
func (c *checker) reject(slot **yaml.Node, path, format string, args ...any) {
	n := *slot
	c.report(n, path, format, args...)
	c.broken[path] = true
	*slot = nullAt(n)
}

// nullAt returns a null node at the position of n.
func nullAt(n *yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n.Line, Column: n.Column}
}

// errorf reports a problem found after decoding, at the position of path or
// of its nearest parent present in the file. Nothing is reported under a path
// already rejected.
func (c *checker) errorf(path, format string, args ...any) {
	for p := path; ; p = parent(p) {
		if c.broken[p] {
			return
		}
		if p == "" {
			break
		}
	}
	n := c.nodes[path]
	for p := path; n == nil && p != ""; {
		p = parent(p)
		n = c.nodes[p]
	}
	c.report(n, path, format, args...)
}

// errorAtKey is errorf at the key of path rather than its value, for
// problems with the key itself.
func (c *checker) errorAtKey(path, format string, args ...any) {
	k := c.keys[path]
	if k == nil || c.broken[path] {
		c.errorf(path, format, args...)
		return
	}
	n := c.nodes[path]
	c.nodes[path] = k
	c.errorf(path, format, args...)
	c.nodes[path] = n
}

// has reports whether the file gives a non-null value at path.
func (c *checker) has(path string) bool {
	n := c.nodes[path]
	return n != nil && !isNull(n)
}

// sorted returns the problems ordered by position, without duplicates (a
// value reached through several aliases is reported once).
func sorted(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Line != ps[j].Line {
			return ps[i].Line < ps[j].Line
		}
		return ps[i].Column < ps[j].Column
	})
	out := ps[:0]
	seen := map[Problem]bool{}
	for _, p := range ps {
		k := p
		k.Path = ""
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

func parent(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

var (
	durationType  = reflect.TypeFor[time.Duration]()
	envConfigType = reflect.TypeFor[EnvironmentConfig]()
)

// maxVisits bounds the nodes walked, against alias bombs; a real
// configuration has a few thousand.
const maxVisits = 200_000

// walk checks the node in slot against type t.
func (c *checker) walk(slot **yaml.Node, t reflect.Type, path string, expandValues bool) {
	n := *slot
	if c.visits++; c.visits > maxVisits {
		if c.visits == maxVisits+1 {
			c.report(n, path, "the document is too large once aliases are expanded (more than %d values)", maxVisits)
		}
		return
	}
	c.nodes[path] = n
	if n.Kind == yaml.AliasNode {
		target := n.Alias
		if target == nil || c.active[target] {
			c.reject(slot, path, "alias *%s refers to a value that contains it", n.Value)
			return
		}
		c.active[target] = true
		defer delete(c.active, target)
		n = target
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if isNull(n) {
		return
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == durationType:
		c.scalar(slot, n, t, path, expandValues)
	case t.Kind() == reflect.Struct:
		if n.Kind == yaml.ScalarNode && t == envConfigType {
			// An environment may be given by its name alone.
			orig := *slot
			n = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: orig.Line, Column: orig.Column, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: "name", Line: orig.Line, Column: orig.Column}, n,
			}}
			*slot = n
		}
		if n.Kind != yaml.MappingNode {
			c.reject(slot, path, "expected a mapping (key: value lines), got %s", describe(n))
			return
		}
		c.mapping(n, path, func(key string) (reflect.Type, bool, []string) {
			fs := fieldsOf(t)
			for _, f := range fs.list {
				if f.name == key {
					return f.typ, f.expand, nil
				}
			}
			return nil, false, fs.names
		})
	case t.Kind() == reflect.Map:
		if n.Kind != yaml.MappingNode {
			c.reject(slot, path, "expected a mapping (key: value lines), got %s", describe(n))
			return
		}
		c.mapping(n, path, func(string) (reflect.Type, bool, []string) {
			return t.Elem(), expandValues, nil
		})
	case t.Kind() == reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			hint := ""
			if n.Kind == yaml.ScalarNode {
				hint = fmt.Sprintf("; write [%s] for a list of one", n.Value)
			}
			c.reject(slot, path, "expected a list, got %s%s", describe(n), hint)
			return
		}
		for i := range n.Content {
			c.walk(&n.Content[i], t.Elem(), fmt.Sprintf("%s[%d]", path, i), expandValues)
		}
	default:
		c.scalar(slot, n, t, path, expandValues)
	}
}

// mapping checks the keys of a mapping node. field returns the type of the
// value of key and whether to expand it, or, for an unknown key, the allowed
// keys. Merge keys (<<: *anchor) are followed.
func (c *checker) mapping(n *yaml.Node, path string, field func(key string) (reflect.Type, bool, []string)) {
	seen := map[string]*yaml.Node{}
	content := make([]*yaml.Node, 0, len(n.Content))
	var merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			content = append(content, k, v)
			merged = append(merged, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			c.report(k, path, "a key must be a plain string, got %s", describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			c.report(k, join(path, k.Value), "duplicate key %q (first at line %d)", k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		content = append(content, k, v)
		c.entry(k, &content[len(content)-1], path, field)
	}
	n.Content = content
	for _, m := range merged {
		c.merge(m, path, seen, field, map[*yaml.Node]bool{n: true})
	}
}

// merge checks the keys a merge key brings in that the mapping does not set
// itself.
func (c *checker) merge(v *yaml.Node, path string, seen map[string]*yaml.Node, field func(string) (reflect.Type, bool, []string), visiting map[*yaml.Node]bool) {
	if v.Kind == yaml.AliasNode && v.Alias != nil {
		v = v.Alias
	}
	if visiting[v] {
		c.report(v, path, "a merge key (<<) includes the mapping it is in")
		c.broken[path] = true
		return
	}
	visiting[v] = true
	defer delete(visiting, v)
	switch v.Kind {
	case yaml.SequenceNode:
		for _, item := range v.Content {
			c.merge(item, path, seen, field, visiting)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			k := v.Content[i]
			if isMerge(k) {
				c.merge(v.Content[i+1], path, seen, field, visiting)
				continue
			}
			if k.Kind != yaml.ScalarNode || seen[k.Value] != nil {
				continue
			}
			seen[k.Value] = k
			c.entry(k, &v.Content[i+1], path, field)
		}
	default:
		c.report(v, path, "a merge key (<<) takes a mapping or an alias to one, got %s", describe(v))
	}
}

func (c *checker) entry(k *yaml.Node, v **yaml.Node, path string, field func(string) (reflect.Type, bool, []string)) {
	p := join(path, k.Value)
	t, expandValue, allowed := field(k.Value)
	if t == nil {
		c.report(k, p, "%s", oneOfMessage("unknown key", k.Value, allowed))
		return
	}
	c.keys[p] = k
	c.walk(v, t, p, expandValue)
}

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "" || k.Tag == "!" || k.ShortTag() == "!!merge")
}

// scalar checks, expands and normalises a scalar value n for type t; slot
// holds n or an alias to it.
func (c *checker) scalar(slot **yaml.Node, n *yaml.Node, t reflect.Type, path string, expandValue bool) {
	if n.Kind != yaml.ScalarNode {
		c.reject(slot, path, "expected %s, got %s", kindName(t), describe(n))
		return
	}
	if expandValue && !c.done[n] {
		c.done[n] = true
		x, err := expand(n.Value, c.lookup)
		if err != nil {
			c.reject(slot, path, "%v", err)
			return
		}
		for _, name := range x.unset {
			c.warnings = append(c.warnings, Problem{Line: n.Line, Column: n.Column, Path: path,
				Message: fmt.Sprintf("environment variable %s is not set; using an empty value", name)})
		}
		if x.value != n.Value {
			n.Value = x.value
			n.Tag = "!!str"
		}
	}
	v := n.Value
	if v == "" && t.Kind() != reflect.String {
		*slot = nullAt(*slot)
		c.nodes[path] = *slot // absent, so the default applies
		return
	}
	set := func(tag, value string) {
		n.Tag, n.Value, n.Style = tag, value, 0
	}
	switch {
	case t == durationType:
		d, err := ParseDuration(v)
		switch {
		case err != nil:
			c.reject(slot, path, "invalid duration %q: write a number with a unit, e.g. 30s, 10m, 1h30m or 30d", v)
		case d < 0:
			c.reject(slot, path, "invalid duration %q: must not be negative", v)
		default:
			n.Tag, n.Value = "!!str", d.String()
		}
	case t.Kind() == reflect.String:
		n.Tag = "!!str"
	case t.Kind() == reflect.Bool:
		switch strings.ToLower(v) {
		case "true", "yes", "on":
			set("!!bool", "true")
		case "false", "no", "off":
			set("!!bool", "false")
		default:
			c.reject(slot, path, "expected true or false, got %q", v)
		}
	case t.Kind() == reflect.Int:
		i, err := strconv.Atoi(v)
		if err != nil {
			c.reject(slot, path, "expected a whole number, got %q", v)
			return
		}
		set("!!int", strconv.Itoa(i))
	case t.Kind() == reflect.Float64:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			c.reject(slot, path, "expected a number, got %q", v)
			return
		}
		set("!!float", strconv.FormatFloat(f, 'g', -1, 64))
	default:
		c.reject(slot, path, "unsupported value type %s", t)
	}
}

// describe names the kind of a node for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("the string %q", n.Value)
}

// kindName names the kind of value a type expects.
func kindName(t reflect.Type) string {
	switch {
	case t == durationType:
		return "a duration such as 10m"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.Int, t.Kind() == reflect.Float64:
		return "a number"
	}
	return "a string"
}

type field struct {
	name   string
	typ    reflect.Type
	expand bool
}

type fieldSet struct {
	list  []field
	names []string
}

var fieldCache sync.Map // reflect.Type -> fieldSet

// fieldsOf returns the YAML keys of struct type t, in declaration order.
func fieldsOf(t reflect.Type) fieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(fieldSet)
	}
	var fs fieldSet
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fs.list = append(fs.list, field{name: name, typ: f.Type, expand: f.Tag.Get("config") != "noexpand"})
		fs.names = append(fs.names, name)
	}
	fieldCache.Store(t, fs)
	return fs
}

// ParseDuration reads a duration as time.ParseDuration does, and also in
// whole days with the unit d (30d, 400d), a day being 24 hours.
func ParseDuration(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(strings.TrimSpace(s), "d"); ok && days != "" && !strings.ContainsAny(days, "hmsuµn.") {
		n, err := strconv.Atoi(days)
		if err != nil {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		if n > 100000 || n < -100000 {
			return 0, fmt.Errorf("invalid duration %q: out of range", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

// FormatDuration writes d as ParseDuration reads it, in its shortest form:
// 30d, 2h, 1h30m, 45s, 500ms.
func FormatDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d%(24*time.Hour) == 0:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + "d"
	case d < time.Second:
		return d.String()
	}
	s := d.String()
	s = strings.Replace(s, "m0s", "m", 1)
	s = strings.Replace(s, "h0m", "h", 1)
	return s
}
