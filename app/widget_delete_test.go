package app

import (
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestDeletedLineAgreesWithTheKind(t *testing.T) {
	for _, tt := range []struct {
		kind data.Kind
		name string
		want string
	}{
		{data.KindProposal, "«Custode sociale di frazione»", "Proposta eliminata: «Custode sociale di frazione»."},
		{data.KindSession, "Tavolo tematico Anziani, 12 marzo 2027", "Seduta eliminata: Tavolo tematico Anziani, 12 marzo 2027."},
		{data.KindPerson, "Rossi Mario", "Persona eliminata: Rossi Mario."},
		{data.KindArea, "Anziani", "Area eliminata: Anziani."},
		{data.KindDecision, "Approvato il verbale", "Decisione eliminata: Approvato il verbale."},
		{data.KindComune, "Paciano", "Comune eliminato: Paciano."},
		{data.KindOrganisation, "Caritas", "Ente eliminato: Caritas."},
		{data.KindSeat, "il seggio «ASL»", "Eliminato il seggio «ASL»."},
	} {
		if got := deletedLine(tt.kind, tt.name); got != tt.want {
			t.Errorf("deleting a %s says %q, want %q", tt.kind, got, tt.want)
		}
	}
	// English needs no agreement: every kind says it the same way.
	for k, v := range translations(t, "en.json") {
		if strings.HasPrefix(k, "delete.done.") && v != "Deleted: {{.name}}." {
			t.Errorf("en.json %s = %q, want Deleted: {{.name}}.", k, v)
		}
	}
}
