package csvexport

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/tavoli/tavoli/data"
)

func TestRelazioneCSV(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2027, m, d, 0, 0, 0, 0, data.Zone) }
	r := data.Relazione{Year: 2027,
		Participation: data.Participation{Meetings: 3, People: 21, Presences: 35,
			Bodies:     []data.BodyFigures{{Name: "Tavolo dei Sindaci", Meetings: 2, People: 9, Presences: 16}},
			Categories: []data.CountOf{{Key: string(data.CatComune), N: 9}}, Comuni: []data.CountOf{{Key: "", N: 3}}},
		Areas: []data.RelazioneArea{{Area: data.Area{Name: "Anziani"}, Priorities: []data.ImplementationView{{
			Implementation: data.Implementation{Meta: data.Meta{ID: "im"}, Progress: 40, Start: day(time.January, 8),
				Budget: []data.Budget{{Source: data.FundFNPS, Planned: 3800050, Spent: 1250}}},
			Proposal:        data.ProposalView{Proposal: data.Proposal{Title: "=Custodi sociali", Priority: 1, State: data.StateInAttuazione}},
			ResponsibleName: "Comune di Magione", Late: true,
			Milestones: []data.Milestone{{Title: "Avvio", Done: true, DoneOn: day(time.March, 8)}},
			Indicators: []data.Indicator{{Name: "Anziani seguiti", Unit: "persone", Target: 120, Value: 4.5}},
		}}}},
		Budget: data.Totals([]data.Budget{{Source: data.FundFNPS, Planned: 3800050, Spent: 1250}}),
		Open:   []data.ActionView{{Overdue: true}, {}},
	}
	var a, b bytes.Buffer
	if err := Relazione(&a, r); err != nil {
		t.Fatal(err)
	}
	if err := Relazione(&b, r); err != nil || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("the same relazione gave different bytes (%v)", err)
	}
	if !bytes.HasPrefix(a.Bytes(), []byte(bom)) || !strings.Contains(a.String(), "\r\n") {
		t.Fatal("no byte order mark or no CRLF: Excel in Italian would misread the file")
	}
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(a.String(), bom)))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range rows[1:] {
		got[strings.Join(row[:3], "|")] = row[3]
	}
	if strings.Join(rows[0], ";") != "Sezione;Voce;Dettaglio;Valore" {
		t.Errorf("header = %q", rows[0])
	}
	for key, want := range map[string]string{
		"Sedute|Tavolo dei Sindaci|presenze":                                   "16",
		"Sedute|Totale|persone":                                                "21",
		"Partecipanti per categoria|Comune|persone":                            "9",
		"Partecipanti per comune|Altro comune o non indicato|persone":          "3",
		"Priorità|1. =Custodi sociali|stato":                                   "in attuazione",
		"Priorità|1. =Custodi sociali|responsabile":                            "Comune di Magione",
		"Priorità|1. =Custodi sociali|avanzamento %":                           "40",
		"Priorità|1. =Custodi sociali|inizio":                                  "08/01/2027",
		"Priorità|1. =Custodi sociali|in ritardo":                              "sì",
		"Priorità|1. =Custodi sociali|previste FNPS (euro)":                    "38000,50",
		"Priorità|1. =Custodi sociali|spese FNPS (euro)":                       "12,50",
		"Tappe|1. =Custodi sociali|Avvio":                                      "raggiunta il 08/03/2027",
		"Indicatori|1. =Custodi sociali|Anziani seguiti (persone) – valore":    "4,5",
		"Indicatori|1. =Custodi sociali|Anziani seguiti (persone) – obiettivo": "120",
		"Risorse|FNPS|previste (euro)":                                         "38000,50",
		"Risorse|Comuni|spese (euro)":                                          "0,00",
		"Azioni|aperte|":                                                       "2",
		"Azioni|aperte oltre la scadenza|":                                     "1",
	} {
		if got[key] != want {
			t.Errorf("%s = %q, want %q", key, got[key], want)
		}
	}
}
