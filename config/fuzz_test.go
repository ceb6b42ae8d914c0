package config_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"go.yaml.in/yaml/v3"

	"deploybot/config"
)

// fuzzEnv is the fixed environment the fuzzed files are expanded from.
var fuzzEnv = env(map[string]string{
	"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-test", "SLACK_SIGNING_SECRET": "secret",
	"OPENAI_API_KEY": "sk-test", "DEPLOY_TOKEN": "token", "HOME": "/home/deploybot",
})

// FuzzLoad parses arbitrary bytes as a configuration file: the loader never
// panics; it returns a configuration or a *ValidationError whose problems
// each say what is wrong and, when known, a line of the file; the same bytes
// always give the same answer; and a configuration that loads, written
// back as YAML, loads again to the same configuration.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		filepath.Join("..", "config.example.yaml"),
		filepath.Join("..", "testdata", "dev-config.yaml"),
		"default.yaml",
	}
	more, _ := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	for _, name := range append(seeds, more...) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"", "projects:", "projects: []", "---\n---\n", "a: &a [*a]", "projects:\n  - name: api\n    aliases: [${X}]",
		"agency:\n  timezone: Mars/Olympus", "projects:\n  - {name: x, environments: [{name: staging, executor: {type: shell}}]}",
		"<<: {agency: {}}", "reminders:\n  - {kind: custom, cron: '* * * * * * *'}", "\xff\xfe", "projects:\n\t- name: x",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := config.ParseWith(data, "fuzz.yaml", fuzzEnv)
		checkLoaded(t, data, cfg, err)
		cfg2, err2 := config.ParseWith(data, "fuzz.yaml", fuzzEnv)
		if errString(err) != errString(err2) || !reflect.DeepEqual(cfg, cfg2) {
			t.Fatalf("the same file loads two ways:\n%v\n%v", err, err2)
		}
		if err != nil {
			return
		}
		out, merr := yaml.Marshal(cfg)
		if merr != nil {
			t.Fatalf("a loaded configuration cannot be written back: %v", merr)
		}
		if bytes.ContainsRune(out, '$') {
			return // written back, "$" would be expanded again
		}
		again, err := config.ParseWith(out, "again.yaml", fuzzEnv)
		if err != nil {
			t.Fatalf("a loaded configuration written back does not load:\n%v\n%s", err, out)
		}
		cfg.Warnings, again.Warnings = nil, nil
		// Where each value was written differs between the two files.
		cfg.File, cfg.Lines, cfg.Raw, again.File, again.Lines, again.Raw = "", nil, nil, "", nil, nil
		if d := firstDiff(reflect.ValueOf(cfg), reflect.ValueOf(again), "config"); d != "" {
			t.Fatalf("a loaded configuration written back loads differently: %s\n%s", d, out)
		}
	})
}

// checkLoaded checks the answer of the loader to data.
func checkLoaded(t *testing.T, data []byte, cfg *config.Config, err error) {
	t.Helper()
	if (cfg == nil) == (err == nil) {
		t.Fatalf("ParseWith returned config %v and error %v: want exactly one", cfg != nil, err)
	}
	if err == nil {
		return
	}
	var ve *config.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %T %v is not a *config.ValidationError", err, err)
	}
	if len(ve.Problems) == 0 {
		t.Fatalf("a validation error with no problem")
	}
	lines := yamlLines(data)
	for _, p := range ve.Problems {
		if strings.TrimSpace(p.Message) == "" {
			t.Errorf("problem with no message: %+v", p)
		}
		if p.Line < 0 || p.Line > lines || p.Column < 0 {
			t.Errorf("problem %q at line %d column %d of a %d-line file", p.Message, p.Line, p.Column, lines)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// firstDiff names the first field where a and b differ, or returns "" when
// they hold the same values (a nil slice or map is the same as an empty
// one).
func firstDiff(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path + ": kinds differ"
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + ": one is nil"
			}
			return ""
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return path + ": lengths differ"
		}
		for i := range a.Len() {
			if d := firstDiff(a.Index(i), b.Index(i), path+"["+strconv.Itoa(i)+"]"); d != "" {
				return d
			}
		}
		return ""
	case reflect.Map:
		if a.Len() != b.Len() {
			return path + ": map sizes differ"
		}
		for _, k := range a.MapKeys() {
			if d := firstDiff(a.MapIndex(k), b.MapIndex(k), path+"["+k.String()+"]"); d != "" {
				return d
			}
		}
		return ""
	}
	if !a.Equal(b) {
		return fmt.Sprintf("%s: %q != %q", path, fmt.Sprint(a), fmt.Sprint(b))
	}
	return ""
}

// yamlLines counts the lines of data as YAML does: "\r\n", "\r", "\n",
// NEL, LS and PS each end one, in UTF-8 or, after its byte order mark,
// UTF-16.
func yamlLines(data []byte) int {
	text := string(data)
	if len(data) >= 2 && (data[0] == 0xfe && data[1] == 0xff || data[0] == 0xff && data[1] == 0xfe) {
		units := make([]uint16, 0, len(data)/2)
		for i := 2; i+1 < len(data); i += 2 {
			if data[0] == 0xfe {
				units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
			} else {
				units = append(units, uint16(data[i+1])<<8|uint16(data[i]))
			}
		}
		text = string(utf16.Decode(units))
	}
	s := strings.ReplaceAll(text, "\r\n", "\n")
	n := 1
	for _, r := range s {
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}
