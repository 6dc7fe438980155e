package app

import (
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func TestQuorumSentenceSaysWhatIsMissing(t *testing.T) {
	comuni := []data.SeatWeight{{ID: "cast", Population: 15150}, {ID: "mag", Population: 14700},
		{ID: "pieve", Population: 7500}, {ID: "pass", Population: 5700}, {ID: "pan", Population: 5500},
		{ID: "tuoro", Population: 3800}, {ID: "pieg", Population: 3600}, {ID: "pac", Population: 950}}
	heads := comuni                                // by heads the populations count for nothing
	head := data.DefaultRules(data.BodyTavoloAlto) // half+1, then one third; heads
	population := head
	population.Weighting = data.WeightPopulation
	double := data.DefaultRules(data.BodySindaci)
	number := head
	number.QuorumPrima = data.Quorum{Kind: data.QuorumNumber, N: 3}
	number.Weighting = data.WeightDouble
	none := data.DefaultRules(data.BodyTavoloTematico) // none in seconda
	in := func(ids ...string) map[string]bool {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return m
	}
	tests := []struct {
		name    string
		rules   data.Rules
		call    data.Call
		present map[string]bool
		want    string
	}{
		{"heads hold", head, data.CallPrima, in("cast", "mag", "pieve", "pass", "pan"),
			"Componenti presenti: 5 su 8; numero legale in prima convocazione: 5."},
		{"heads, one missing", head, data.CallPrima, in("cast", "mag", "pieve", "pass"),
			"Componenti presenti: 4 su 8; numero legale in prima convocazione: 5. Manca 1 componente."},
		{"heads, seconda", head, data.CallSeconda, in("cast"),
			"Componenti presenti: 1 su 8; numero legale in seconda convocazione: 3. Mancano 2 componenti."},
		{"population", population, data.CallPrima, in("pieve", "pass", "pan", "tuoro", "pieg"),
			"Abitanti rappresentati: 26.100 su 56.900; numero legale in prima convocazione: 28.451. Mancano 2.351 abitanti."},
		{"population holds with few heads", population, data.CallPrima, in("cast", "mag"),
			"Abitanti rappresentati: 29.850 su 56.900; numero legale in prima convocazione: 28.451."},
		{"double, population missing", double, data.CallPrima, in("pieve", "pass", "pan", "tuoro", "pieg"),
			"Componenti presenti: 5 su 8 (numero legale 5); abitanti rappresentati: 26.100 su 56.900 " +
				"(numero legale 28.451), in prima convocazione. Mancano 2.351 abitanti."},
		{"double, heads missing", double, data.CallPrima, in("cast", "mag", "pieve"),
			"Componenti presenti: 3 su 8 (numero legale 5); abitanti rappresentati: 37.350 su 56.900 " +
				"(numero legale 28.451), in prima convocazione. Mancano 2 componenti."},
		{"double, both missing", double, data.CallPrima, in("pac", "pieg"),
			"Componenti presenti: 2 su 8 (numero legale 5); abitanti rappresentati: 4.550 su 56.900 " +
				"(numero legale 28.451), in prima convocazione. Mancano 3 componenti e 23.901 abitanti."},
		{"double, seconda", double, data.CallSeconda, in("pac", "pieg", "pan"),
			"Componenti presenti: 3 su 8 (numero legale 3); abitanti rappresentati: 10.050 su 56.900 " +
				"(numero legale 18.967), in seconda convocazione. Mancano 8.917 abitanti."},
		{"fixed number", number, data.CallPrima, in("cast", "mag"),
			"Componenti presenti: 2 su 8; numero legale in prima convocazione: 3. Manca 1 componente."},
		{"none", none, data.CallSeconda, in(),
			"In seconda convocazione la seduta è valida con qualsiasi numero di presenti (componenti presenti: 0 su 8)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := vote.CheckQuorum(tt.rules, tt.call, heads, tt.present)
			if got := quorumSentence(q); got != tt.want {
				t.Errorf("quorumSentence(%+v) =\n%s\nwant\n%s", q, got, tt.want)
			}
		})
	}
}
