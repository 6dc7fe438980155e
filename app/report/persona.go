package report

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// Persona is the answer to a person who asks what the Ambito holds on them (GDPR art. 15): their
// record, where they sit, the sessions that recorded them, what they proposed and answer for, the
// copies kept, and the privacy notice. It is a pure function of r: its date is r.At.
func Persona(r data.PersonRecord) ([]byte, error) {
	p := r.Person
	name := p.Naming().Prose()
	m := masthead{ambito: r.Ambito, capofila: r.Capofila, body: "Ufficio di Piano", date: r.At}
	m.day = prefixed("al ", italian.Day(r.At))
	doc, err := startDocument(m, docInfo{kind: "Dati personali"})
	if err != nil {
		return nil, err
	}
	doc.title("DATI PERSONALI TRATTATI", stTitle)
	doc.centred(name, stSubtitle, colText)
	doc.space(4)
	doc.paragraphs("Ai sensi dell'art. 15 del Regolamento UE 2016/679 (GDPR), l'Ufficio di Piano "+
		orText(ofThe(r.Ambito.Name), "dell'Ambito")+" comunica a "+name+" i dati personali trattati sul suo conto per la gestione dei tavoli del Piano di "+
		"Zona, quali risultano "+orText(theDay(r.At), "alla data odierna")+".", stBody, 0)

	doc.heading("1. Dati anagrafici e di contatto", stHeading)
	const labelW = 38
	switch {
	case p.Erased():
		doc.paragraphs("I dati personali sono stati cancellati "+theDay(p.ErasedAt)+" (art. 17 GDPR): restano "+
			"soltanto le iniziali, la categoria e il comune, che servono alle statistiche del Piano.", stItalic, 0)
	case p.Deleted:
		doc.paragraphs("La persona è stata rimossa dal registro, ma i dati qui sotto sono ancora conservati.", stItalic, 0)
	}
	doc.field("Cognome", orText(p.Surname, "—"), labelW)
	doc.field("Nome", orText(p.Name, "—"), labelW)
	if p.Title != "" {
		doc.field("Qualifica", p.Title, labelW)
	}
	doc.field("Categoria", italian.Category(p.Category), labelW)
	doc.field("Ente", orText(p.OrganisationName, "—"), labelW)
	doc.field("Comune", orText(p.Town(), "—"), labelW)
	doc.field("Email", orText(p.Email, "—"), labelW)
	doc.field("Telefono", orText(p.Phone, "—"), labelW)
	doc.field("Note", orText(p.Notes, "—"), labelW)
	doc.field("Scheda creata il", italian.Day(p.Created), labelW)
	doc.field("Ultima modifica", italian.Day(p.Updated), labelW)

	doc.heading("2. Partecipazione ai tavoli", stHeading)
	if len(r.Roles) == 0 && len(r.Sessions) == 0 && len(r.Proposals) == 0 && len(r.Actions) == 0 &&
		len(r.Responsible) == 0 && r.Speeches == 0 {
		doc.paragraphs("Nessuna: la persona non compare in alcun organo, seduta, proposta o azione.", stBody, 0)
	}
	if len(r.Roles) > 0 {
		doc.heading("Organi", stSub)
		for _, x := range r.Roles {
			doc.item("–", x.Body+": "+x.Role, stBody, 4)
		}
	}
	if len(r.Sessions) > 0 {
		doc.heading("Sedute", stSub)
		rows := make([][]string, 0, len(r.Sessions))
		for _, s := range r.Sessions {
			rows = append(rows, []string{italian.Day(s.Date), s.Body, presenceWord(s), yesNo(s.Approved)})
		}
		doc.table(table{cols: []column{{"Data", 24, "L"}, {"Organo", 46, "L"}, {"Presenza", 16, "L"},
			{"Verbale approvato", 14, "C"}}}, rows)
		doc.space(2)
	}
	if r.Speeches > 0 {
		doc.paragraphs("Interventi registrati negli ordini del giorno: "+count(r.Speeches)+".", stBody, 0)
	}
	if len(r.Proposals) > 0 {
		doc.heading("Proposte presentate", stSub)
		for _, x := range r.Proposals {
			doc.item("–", x.Title+" ("+italian.Day(x.Date)+")", stBody, 4)
		}
	}
	if len(r.Actions) > 0 {
		doc.heading("Azioni affidate", stSub)
		for _, x := range r.Actions {
			state := "da fare"
			if x.Done {
				state = "svolta"
			}
			doc.item("–", x.What+" ("+x.Body+prefixed(", entro il ", italian.Day(x.Due))+"; "+state+")", stBody, 4)
		}
	}
	if len(r.Responsible) > 0 {
		doc.heading("Responsabile dell'attuazione di", stSub)
		for _, t := range r.Responsible {
			doc.item("–", t, stBody, 4)
		}
	}

	doc.heading("3. Copie conservate", stHeading)
	kept := []string{}
	switch r.Approved {
	case 0:
		kept = append(kept, "Non compare in alcun verbale approvato.")
	case 1:
		kept = append(kept, "Compare in un verbale approvato: come atto dell'ente è conservato così com'è stato approvato "+
			"(art. 17, par. 3, lett. b, GDPR).")
	default:
		kept = append(kept, "Compare in "+strconv.Itoa(r.Approved)+" verbali approvati: come atti dell'ente sono conservati "+
			"così come sono stati approvati (art. 17, par. 3, lett. b, GDPR).")
	}
	if r.Versions > 0 {
		kept = append(kept, "Versioni precedenti della scheda conservate per la revisione dei conflitti tra computer: "+
			count(r.Versions)+".")
	}
	doc.paragraphs(strings.Join(kept, "\n"), stBody, 0)

	// The notice and the signature under it share a page.
	notice := noticeText(r.Ambito.Notice(r.Capofila))
	doc.keepWithSignature(stHeading.size*0.35 + stHeading.lead + 1 + doc.textHeight(notice, stBody, 0))
	doc.heading("4. Informativa sul trattamento", stHeading)
	doc.paragraphs(notice, stBody, 0)

	doc.space(closingSpace)
	doc.signatures(signature{italian.Agree(r.HeadGender, "La Responsabile", "Il Responsabile") +
		" dell'Ufficio di Piano", r.Head})
	return doc.output()
}

// presenceWord is how a session recorded the person: "presente", "delegata", "assente giustificata".
func presenceWord(s data.PersonSession) string {
	switch {
	case s.Delegated:
		return "per delega"
	case s.Presence == data.PresencePresente:
		return "presente"
	case s.Presence == data.PresenceGiustificato:
		return "giustificata/o"
	case s.Presence == data.PresenceAssente:
		return "assente"
	}
	return "registrata/o"
}

func yesNo(b bool) string {
	if b {
		return "sì"
	}
	return "no"
}

// noticeText is the privacy notice in full: who holds the data, why, for how long, and the rights.
func noticeText(n data.Privacy) string {
	lines := []string{
		"Titolare del trattamento: " + period(n.Controller),
		"Contatti per l'esercizio dei diritti: " + period(n.Contact),
	}
	if strings.TrimSpace(n.DPO) != "" {
		lines = append(lines, "Responsabile della protezione dei dati: "+period(n.DPO))
	}
	lines = append(lines,
		"Finalità e base giuridica: la gestione dei tavoli del Piano di Zona (legge 328/2000), compito di "+
			"interesse pubblico dell'ente (art. 6, par. 1, lett. e, del Regolamento UE 2016/679).",
		"Conservazione: i recapiti di chi non ha preso parte ad alcuna seduta sono cancellati dopo "+
			months(n.Retention())+" dall'ultima modifica; presenze, interventi e verbali approvati sono conservati "+
			"come atti dell'ente.",
		"Diritti: accesso, rettifica, cancellazione, limitazione e opposizione (artt. 15-21), rivolgendosi ai "+
			"contatti sopra indicati; reclamo al Garante per la protezione dei dati personali.",
		"I dati sono conservati sui computer dell'Ufficio di Piano e non sono trasmessi a terzi.")
	return strings.Join(lines, "\n")
}

// attendanceNotice is the notice as the attendance sheet prints it, under the signatures.
func attendanceNotice(n data.Privacy) string {
	s := "I dati personali raccolti con il presente foglio sono trattati per lo svolgimento dei compiti " +
		"istituzionali dell'Ambito (art. 6, par. 1, lett. e, del Regolamento UE 2016/679) e conservati come atti " +
		"dell'ente. Titolare del trattamento: " + n.Controller + ". Per esercitare i diritti (artt. 15-21): " + n.Contact
	if strings.TrimSpace(n.DPO) != "" {
		s += "; responsabile della protezione dei dati: " + n.DPO
	}
	return period(s)
}

// months is "24 mesi", "1 mese".
func months(n int) string { return strconv.Itoa(n) + " " + plural(int64(n), "mese", "mesi") }
