package config_test

import (
	"strings"
	"testing"

	"deploybot/config"
)

func TestWindowSpecs(t *testing.T) {
	tests := []struct {
		spec string
		want string // the beginning of the problem; "" when valid
	}{
		{spec: "Tue-Thu 10:00-16:00"},
		{spec: "Mon 12:00-18:00"},
		{spec: "Fri 12:00-24:00"},
		{spec: "Sat-Sun"},
		{spec: "mon,wed,FRI 09:00-12:00"},
		{spec: "Monday-Tuesday 08:30 - 09:15"},
		{spec: "Fri-Mon"},
		{spec: "Mon-Sun 00:00-24:00"},
		{spec: "", want: "empty window"},
		{spec: "Tus 10:00-12:00", want: `unknown day "Tus"; did you mean "Tue"? expected one of: Mon, Tue, Wed, Thu, Fri, Sat, Sun`},
		{spec: "Xyz 10:00-12:00", want: `unknown day "Xyz"; expected one of`},
		{spec: "Mon-Fir", want: `unknown day "Fir"; did you mean "Fri"?`},
		{spec: "Mon 10:00", want: `invalid time range "10:00"`},
		{spec: "Mon 9:00-12:00", want: `invalid time "9:00"`},
		{spec: "Mon 10:00-24:30", want: `invalid time "24:30"`},
		{spec: "Mon 10:60-11:00", want: `invalid time "10:60"`},
		{spec: "Mon 16:00-10:00", want: "start 16:00 is not before end 10:00"},
		{spec: "Mon 10:00-10:00", want: "start 10:00 is not before end 10:00"},
		{spec: "Mon 24:00-24:00", want: "invalid start 24:00"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			src := "windows:\n  recommended: [\"Tue 10:00-11:00\"]\n  avoid:\n    - \"" + tt.spec + "\"\n"
			_, err := config.ParseWith([]byte(src), "w.yaml", noEnv)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("valid spec rejected: %v", err)
				}
				return
			}
			got := problems(t, src, "w.yaml", noEnv)
			if len(got) != 1 || got[0].Line != 4 || got[0].Column != 7 || got[0].Path != "windows.avoid[0]" || !strings.HasPrefix(got[0].Message, tt.want) {
				t.Fatalf("problems = %v, want one at 4:7 windows.avoid[0] starting with %q", got, tt.want)
			}
		})
	}
}

func TestDefaultWindowsAreValid(t *testing.T) {
	w := config.DefaultWindows()
	src := "windows:\n  recommended: [\"" + strings.Join(w.Recommended, `", "`) + "\"]\n" +
		"  acceptable: [\"" + strings.Join(w.Acceptable, `", "`) + "\"]\n" +
		"  avoid: [\"" + strings.Join(w.Avoid, `", "`) + "\"]\n"
	if _, err := config.ParseWith([]byte(src), "w.yaml", noEnv); err != nil {
		t.Fatal(err)
	}
}
