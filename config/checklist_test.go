package config_test

import (
	"errors"
	"strings"
	"testing"

	"deploybot/config"
)

func TestChecklistSkipAndHolidays(t *testing.T) {
	_, err := config.ParseWith([]byte("agency:\n  holidays: PT\n  checklist_skip: [docs, tsts]\nprojects:\n  - name: api\n"), "f.yaml",
		func(string) (string, bool) { return "", false })
	var ve *config.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("want a validation error, got %v", err)
	}
	got := ve.Error()
	for _, want := range []string{`f.yaml:2:`, `no public holiday calendar for "PT"`, `agency.checklist_skip[1]: unknown checklist item "tsts"`} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"docs"`) {
		t.Errorf("a known item was refused:\n%s", got)
	}
}
