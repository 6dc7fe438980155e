package i18n

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestVersionLabels(t *testing.T) {
	t.Setenv("TAVOLI_LANG", "")
	Setup("it")
	reasons := []struct {
		r    data.VersionReason
		want string
	}{
		{data.VersionConflict, "Conflitto"},
		{data.VersionLocked, "Bloccato: verbale approvato"},
		{data.VersionReplaced, "Sostituita da un ripristino"},
		{"future", "future"},
	}
	for _, tt := range reasons {
		if got := VersionReason(tt.r); got != tt.want {
			t.Errorf("VersionReason(%q) = %q, want %q", tt.r, got, tt.want)
		}
	}
	resolutions := []struct {
		v    data.RecordVersion
		want string
	}{
		{data.RecordVersion{Reason: data.VersionConflict}, "Da esaminare"},
		{data.RecordVersion{Reason: data.VersionConflict, Resolution: data.VersionRestored}, "Ripristinata"},
		{data.RecordVersion{Reason: data.VersionConflict, Resolution: data.VersionDismissed}, "Tenuta la versione attuale"},
		{data.RecordVersion{Reason: data.VersionReplaced, Resolution: data.VersionDismissed}, "Sostituita da un ripristino"},
		{data.RecordVersion{Reason: data.VersionConflict, Resolution: data.VersionDisputed},
			"Da rivedere: risolta in modo diverso su due computer"},
		{data.RecordVersion{Resolution: "future"}, "future"},
	}
	for _, tt := range resolutions {
		if got := VersionResolution(tt.v); got != tt.want {
			t.Errorf("VersionResolution(%s/%s) = %q, want %q", tt.v.Reason, tt.v.Resolution, got, tt.want)
		}
	}
}
