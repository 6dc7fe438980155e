package data_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestKindsUnique(t *testing.T) {
	kinds := []data.Kind{data.KindAmbito, data.KindComune, data.KindArea, data.KindBody, data.KindSeat,
		data.KindMembership, data.KindPerson, data.KindOrganisation, data.KindSession, data.KindAgendaItem,
		data.KindAttendance, data.KindProposal, data.KindVote, data.KindDecision,
		data.KindActionItem, data.KindDevice}
	seen := map[data.Kind]bool{}
	for _, k := range kinds {
		if k == "" || seen[k] {
			t.Errorf("Kind %q is empty or repeated", k)
		}
		seen[k] = true
	}
}

func TestDeviceLabel(t *testing.T) {
	tests := []struct {
		d    data.Device
		want string
	}{
		{data.Device{Name: "PC-UDP", Operator: "Anna"}, "Anna"},
		{data.Device{Name: "PC-UDP"}, "PC-UDP"},
		{data.Device{}, ""},
	}
	for _, tt := range tests {
		if got := tt.d.Label(); got != tt.want {
			t.Errorf("Device{%q, %q}.Label() = %q, want %q", tt.d.Name, tt.d.Operator, got, tt.want)
		}
	}
}
