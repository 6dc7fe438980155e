package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

// countingRules states the conventions the count of r applied, as the results PDF prints them under
// "Regole di conteggio": for a motion who the votanti are and the majority asked for; for a priority
// vote the method's own conventions and that ballots are not weighed. They are the conventions of
// data/vote, written once here so that a reader can redo the count by hand.
func countingRules(r vote.Result) string {
	if r.Motion != nil {
		return motionRules(r.Rules)
	}
	var parts []string
	switch r.Method {
	case data.MethodSchulze:
		parts = append(parts, "Metodo Schulze a vittorie (winning votes): una vittoria diretta vale quante schede "+
			"preferiscono la proposta vincente; le proposte non classificate su una scheda sono pari tra loro e sotto "+
			"quelle classificate. Il punteggio è il numero di altre proposte battute.")
	case data.MethodBorda:
		n := len(r.Ranking)
		s := "Metodo Borda: con n proposte, quella in posizione p su una scheda (contando da 0) riceve n − 1 − p punti"
		if n > 1 {
			s += " (qui da " + strconv.Itoa(n-1) + " alla prima a 0 all'ultima)"
		}
		parts = append(parts, s+"; le proposte non classificate ricevono 0 punti.")
	}
	parts = append(parts, "Il voto di priorità non è ponderato: ogni scheda vale uno, qualunque sia il peso del seggio.")
	return strings.Join(parts, " ")
}

// motionRules states who the votanti are, the majority a motion needs and, when seats are weighed,
// how.
func motionRules(r vote.Rules) string {
	parts := []string{"Votanti = favorevoli + contrari: gli astenuti e le schede bianche e nulle non sono computati tra i votanti."}
	if r.BlankVotanti {
		parts[0] = "Votanti = favorevoli + contrari + schede bianche e nulle, come stabiliscono le regole della votazione; " +
			"gli astenuti non sono computati tra i votanti."
	}
	base := map[data.MajorityBase]string{data.BaseVotanti: "dei votanti", data.BasePresenti: "dei presenti, astenuti compresi",
		data.BaseComponenti: "dei componenti, presenti o no"}[r.MajorityBase]
	switch r.Threshold {
	case data.ThresholdAbsolute:
		parts = append(parts, "Maggioranza assoluta: si approva se i favorevoli sono più della metà "+base+".")
	case data.ThresholdTwoThirds:
		parts = append(parts, "Maggioranza dei due terzi: si approva se i favorevoli sono almeno i due terzi "+base+
			" e più dei contrari.")
	default:
		parts = append(parts, "Maggioranza semplice: si approva se i favorevoli superano i contrari; a parità si respinge.")
	}
	switch r.Weighting {
	case data.WeightPopulation:
		parts = append(parts, "Ogni seggio pesa gli abitanti del suo comune: la maggioranza si calcola sugli abitanti rappresentati.")
	case data.WeightDouble:
		parts = append(parts, "Doppia maggioranza: va raggiunta sia per seggi sia per abitanti rappresentati.")
	}
	return strings.Join(parts, " ")
}
