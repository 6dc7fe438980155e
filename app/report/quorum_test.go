package report

import (
	"strings"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// mayors are the 8 comuni seats of the Tavolo dei Sindaci, weighted by population (56.900 in all).
func mayors() []data.SeatWeight {
	out := make([]data.SeatWeight, 0, len(comuni))
	for _, c := range comuni {
		out = append(out, data.SeatWeight{ID: c.name, Population: int64(c.pop)})
	}
	return out
}

// heads are n seats with no population.
func heads(n int) []data.SeatWeight {
	out := make([]data.SeatWeight, n)
	for i := range out {
		out[i].ID = string(rune('a' + i))
	}
	return out
}

func present(ids ...string) map[string]bool {
	m := map[string]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

func TestQuorumSentence(t *testing.T) {
	head := data.DefaultRules(data.BodyTavoloAlto) // half+1, then one third; heads
	population := head
	population.Weighting = data.WeightPopulation
	double := data.DefaultRules(data.BodySindaci)
	number := head
	number.QuorumPrima = data.Quorum{Kind: data.QuorumNumber, N: 3}
	number.Weighting = data.WeightDouble
	tematico := data.DefaultRules(data.BodyTavoloTematico) // none in seconda
	tests := []struct {
		name    string
		rules   data.Rules
		call    data.Call
		seats   []data.SeatWeight
		present map[string]bool
		want    string
	}{
		{"heads hold", head, data.CallPrima, heads(8), present("a", "b", "c", "d", "e", "f"),
			"Presenti 6 componenti su 8; il numero legale richiesto in prima convocazione è 5: " +
				"constatata la validità della seduta, il Presidente dichiara aperta la seduta."},
		{"heads fail", head, data.CallPrima, heads(8), present("a", "b", "c", "d"),
			"Presenti 4 componenti su 8; il numero legale richiesto in prima convocazione è 5: " +
				"il numero legale non è raggiunto (manca 1 componente) e la seduta non può validamente deliberare."},
		{"heads, one present", head, data.CallPrima, heads(8), present("a"),
			"Presente 1 componente su 8; il numero legale richiesto in prima convocazione è 5: " +
				"il numero legale non è raggiunto (mancano 4 componenti) e la seduta non può validamente deliberare."},
		{"heads, seconda: one third", head, data.CallSeconda, heads(8), present("a", "b", "c"),
			"Presenti 3 componenti su 8; il numero legale richiesto in seconda convocazione è 3: " +
				"constatata la validità della seduta, il Presidente dichiara aperta la seduta."},
		{"none in seconda", tematico, data.CallSeconda, heads(12), present("a"),
			"Presente 1 componente su 12; in seconda convocazione la seduta è valida qualunque sia il numero " +
				"dei presenti: il Presidente dichiara aperta la seduta."},
		{"population holds", population, data.CallPrima, mayors(), present("Castiglione del Lago", "Magione"),
			"Presenti 2 componenti su 8, in rappresentanza di 29.850 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è di 28.451 abitanti: constatata la validità della seduta, il Presidente dichiara aperta la seduta."},
		{"population fails", population, data.CallPrima, mayors(), present("Castiglione del Lago", "Paciano"),
			"Presenti 2 componenti su 8, in rappresentanza di 16.100 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è di 28.451 abitanti: il numero legale non è raggiunto (mancano 12.351 abitanti) " +
				"e la seduta non può validamente deliberare."},
		{"double holds", double, data.CallPrima, mayors(),
			present("Castiglione del Lago", "Magione", "Città della Pieve", "Passignano sul Trasimeno", "Panicale", "Paciano"),
			"Presenti 6 componenti su 8, in rappresentanza di 49.500 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è di 5 componenti e 28.451 abitanti: constatata la validità della seduta, " +
				"il Presidente dichiara aperta la seduta."},
		{"double fails by heads", double, data.CallPrima, mayors(), present("Castiglione del Lago", "Magione", "Città della Pieve"),
			"Presenti 3 componenti su 8, in rappresentanza di 37.350 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è di 5 componenti e 28.451 abitanti: il numero legale non è raggiunto " +
				"(mancano 2 componenti) e la seduta non può validamente deliberare."},
		{"double fails by both", double, data.CallPrima, mayors(), present("Paciano", "Piegaro"),
			"Presenti 2 componenti su 8, in rappresentanza di 4.550 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è di 5 componenti e 28.451 abitanti: il numero legale non è raggiunto " +
				"(mancano 3 componenti e 23.901 abitanti) e la seduta non può validamente deliberare."},
		{"double, seconda", double, data.CallSeconda, mayors(), present("Castiglione del Lago", "Magione", "Paciano"),
			"Presenti 3 componenti su 8, in rappresentanza di 30.800 abitanti su 56.900; il numero legale richiesto " +
				"in seconda convocazione è di 3 componenti e 18.967 abitanti: constatata la validità della seduta, " +
				"il Presidente dichiara aperta la seduta."},
		{"a fixed number counts heads", number, data.CallPrima, mayors(), present("Paciano", "Piegaro", "Panicale"),
			"Presenti 3 componenti su 8, in rappresentanza di 10.050 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è 3: constatata la validità della seduta, il Presidente dichiara aperta la seduta."},
		{"double fails by population", double, data.CallPrima, mayors(),
			present("Paciano", "Piegaro", "Tuoro sul Trasimeno", "Panicale", "Passignano sul Trasimeno"),
			"Presenti 5 componenti su 8, in rappresentanza di 19.550 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è di 5 componenti e 28.451 abitanti: il numero legale non è raggiunto " +
				"(mancano 8.901 abitanti) e la seduta non può validamente deliberare."},
		{"double, seconda fails by population", double, data.CallSeconda, mayors(), present("Paciano", "Piegaro", "Panicale"),
			"Presenti 3 componenti su 8, in rappresentanza di 10.050 abitanti su 56.900; il numero legale richiesto " +
				"in seconda convocazione è di 3 componenti e 18.967 abitanti: il numero legale non è raggiunto " +
				"(mancano 8.917 abitanti) e la seduta non può validamente deliberare."},
		{"heads, seconda fails", head, data.CallSeconda, heads(8), present("a", "b"),
			"Presenti 2 componenti su 8; il numero legale richiesto in seconda convocazione è 3: " +
				"il numero legale non è raggiunto (manca 1 componente) e la seduta non può validamente deliberare."},
		{"a fixed number fails", number, data.CallPrima, mayors(), present("Castiglione del Lago", "Magione"),
			"Presenti 2 componenti su 8, in rappresentanza di 29.850 abitanti su 56.900; il numero legale richiesto " +
				"in prima convocazione è 3: il numero legale non è raggiunto (manca 1 componente) " +
				"e la seduta non può validamente deliberare."},
		{"no seats", head, data.CallPrima, nil, nil,
			"Non risultano componenti con diritto di voto: il numero legale non può essere verificato."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := vote.CheckQuorum(tt.rules, tt.call, tt.seats, tt.present)
			if got := quorumSentence(q, ""); got != tt.want {
				t.Errorf("quorumSentence(%+v) =\n%s\nwant\n%s", q, got, tt.want)
			}
			// A woman presiding is la Presidente.
			want := strings.ReplaceAll(tt.want, "il Presidente", "la Presidente")
			if got := quorumSentence(q, data.GenderFemminile); got != want {
				t.Errorf("quorumSentence(%+v, f) =\n%s\nwant\n%s", q, got, want)
			}
		})
	}
}

func TestQuorumRule(t *testing.T) {
	number := data.DefaultRules(data.BodyTavoloAlto)
	number.QuorumPrima = data.Quorum{Kind: data.QuorumNumber, N: 4}
	population := data.DefaultRules(data.BodyTavoloAlto)
	population.Weighting = data.WeightPopulation
	tests := []struct {
		rules data.Rules
		call  data.Call
		want  string
	}{
		{data.DefaultRules(data.BodyTavoloTematico), data.CallPrima,
			"Per la validità della seduta in prima convocazione è necessaria la presenza della metà più uno dei componenti."},
		{data.DefaultRules(data.BodyTavoloTematico), data.CallSeconda,
			"In seconda convocazione la seduta è valida qualunque sia il numero dei presenti."},
		{data.DefaultRules(data.BodyTavoloAlto), data.CallSeconda,
			"Per la validità della seduta in seconda convocazione è necessaria la presenza di almeno un terzo dei componenti."},
		{data.DefaultRules(data.BodySindaci), data.CallSeconda,
			"Per la validità della seduta in seconda convocazione è necessaria la presenza di almeno un terzo dei " +
				"componenti, che rappresentino anche almeno un terzo della popolazione dell'Ambito."},
		{population, data.CallPrima, "Per la validità della seduta in prima convocazione è necessaria la presenza " +
			"di componenti che rappresentino la metà più uno della popolazione dell'Ambito."},
		{number, data.CallPrima, "Per la validità della seduta in prima convocazione è necessaria la presenza di almeno 4 componenti."},
	}
	for _, tt := range tests {
		if got := quorumRule(tt.rules, tt.call); got != tt.want {
			t.Errorf("quorumRule(%v, %s) = %q, want %q", tt.rules, tt.call, got, tt.want)
		}
	}
}
