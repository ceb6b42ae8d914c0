package settings_test

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"deploybot"
	"deploybot/config"
	"deploybot/settings"
)

// TestAttackSpellings: every spelling of a value is either refused or
// read as the one canonical value its users read; none is taken as text
// that reads as something else where it is used (a NaN threshold is never
// breached, 14.5 days of certificate reads as 0: no check).
func TestAttackSpellings(t *testing.T) {
	tests := []struct {
		key, value string
		want       string // "" : refused
	}{
		{deploybot.KeyApproval, "none", "none"},
		{deploybot.KeyApproval, "NONE", "none"},
		{deploybot.KeyApproval, " none ", "none"},
		{deploybot.KeyApproval, "aucune", "none"},
		{deploybot.KeyApproval, "0", ""},
		{deploybot.KeyApproval, "no", ""},
		{deploybot.KeyApproval, "non", ""},
		{deploybot.KeyStagingFirst, "0", ""},
		{deploybot.KeyStagingFirst, "none", ""},
		{deploybot.KeyStagingFirst, " NO ", "no"},
		{deploybot.KeyAutoRollback, "aucune", ""},
		{deploybot.KeyMonitorWindow, "0s", ""},
		{deploybot.KeyMonitorWindow, "0", ""},
		{deploybot.KeyMonitorWindow, "-1h", ""},
		{deploybot.KeyMonitorWindow, "none", ""},
		{deploybot.KeyMonitorWindow, "1000000d", ""},
		{deploybot.KeyDrillEvery, "-30d", ""},
		{deploybot.KeyDrillEvery, "0d", ""},
		{deploybot.KeyConfirmTimeout, "-2m", ""},
		{deploybot.KeyMaxErrorRate, "NaN", ""},
		{deploybot.KeyMaxErrorRate, "nan", ""},
		{deploybot.KeyMaxErrorRate, "inf", ""},
		{deploybot.KeyMaxErrorRate, "+Inf", ""},
		{deploybot.KeyMaxErrorRate, "1e999", ""},
		{deploybot.KeyMaxErrorRate, "-0.1", ""},
		{deploybot.KeyMaxErrorRate, "0,5%", "0.005"},
		{deploybot.KeyMinCertDays, "14.5", ""},
		{deploybot.KeyMinCertDays, "50%", ""},
		{deploybot.KeyMinCertDays, "1e12", ""},
		{deploybot.KeyMinCertDays, "21.0", "21"},
		{deploybot.KeyMinCertDays, "1e2", "100"},
		{deploybot.KeyWindowsAvoid, "none", ""},
		{deploybot.KeyWindowsRecommend, "aucune", ""},
		{deploybot.KeyChecklistSkip, "everything", ""},
	}
	for _, tt := range tests {
		got, err := settings.Validate(tt.key, tt.value)
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s = %q taken as %q", tt.key, tt.value, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s = %q: %q %v, want %q", tt.key, tt.value, got, err, tt.want)
		}
		// What is taken reads the same where it is used.
		k, _ := deploybot.SettingKeyOf(tt.key)
		switch {
		case tt.key == deploybot.KeyMinCertDays:
			if n, err := strconv.Atoi(got); err != nil || n <= 0 {
				t.Errorf("%s = %q reads as %d (%v)", tt.key, got, n, err)
			}
		case k.Kind == deploybot.KindNumber:
			if f, err := strconv.ParseFloat(got, 64); err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				t.Errorf("%s = %q reads as %v (%v)", tt.key, got, f, err)
			}
		case k.Kind == deploybot.KindDuration:
			if d, err := config.ParseDuration(got); err != nil || d <= 0 {
				t.Errorf("%s = %q reads as %v (%v)", tt.key, got, d, err)
			}
		}
	}
}

// TestAttackWrongLayerSaysSoInEachLanguage: a value set at a layer where
// its key is not read is refused, and the refusal names the key in the
// reader's language.
func TestAttackWrongLayerSaysSoInEachLanguage(t *testing.T) {
	r, _ := newResolver(t)
	_, err := r.Set(context.Background(), deploybot.ScopeProject, "shop", "", deploybot.KeyMaxErrorRate, "0.5", "carol", "carol")
	if deploybot.ErrorCode(err) != deploybot.EINVALID {
		t.Fatalf("max_error_rate set for a project: %v", err)
	}
	if en, fr := deploybot.ErrorMessageIn(err, deploybot.English), deploybot.ErrorMessageIn(err, deploybot.French); !strings.HasPrefix(en, "highest error rate is set for") ||
		!strings.HasPrefix(fr, "taux d'erreur maximal se règle pour") {
		t.Errorf("refusal: %q / %q", en, fr)
	}
}
