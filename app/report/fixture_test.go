package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
)

// rome is a time of day in the Ambito's zone.
func rome(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, data.Zone)
}

var trasimeno = data.Ambito{
	Meta:      data.Meta{ID: "ambito-5"},
	Name:      "Ambito Territoriale n.5 del Trasimeno",
	ShortName: "Ambito n.5 Trasimeno",
	Region:    "Umbria",
	Address:   "Piazza Gramsci 1, 06061 Castiglione del Lago (PG)",
}

// person is one line of the fixture's people: surname, name, category, organisation, comune.
type person struct {
	surname, name string
	cat           data.Category
	org, town     string
}

// anzianiDossier is the Tavolo tematico "Anziani" on 12 March 2027: 12 seats, 40 people present
// (two holding a seat by delegation, 28 guests), one excused, one member never recorded; 10 agenda
// items with notes of several paragraphs (one long enough to cross pages), decisions, 8 proposals,
// a vote and 5 actions, some of them on no item.
func anzianiDossier() data.Dossier {
	const session = "sess-anziani-2027-03-12"
	seatNames := []string{
		"Castiglione del Lago – Servizi sociali", "Magione – Servizi sociali", "Città della Pieve – Servizi sociali",
		"Passignano sul Trasimeno – Servizi sociali", "Panicale – Servizi sociali", "Tuoro sul Trasimeno – Servizi sociali",
		"Piegaro – Servizi sociali", "Paciano – Servizi sociali", "ASL Umbria 1 – Distretto del Trasimeno",
		"SPI CGIL Trasimeno", "FNP CISL Umbria", "Forum del Terzo settore",
	}
	holders := []person{
		{"Rossi", "Maria", data.CatComune, "Comune di Castiglione del Lago", "Castiglione del Lago"},
		{"Bianchi", "Luca", data.CatComune, "Comune di Magione", "Magione"},
		{"Cecchini", "Annalisa", data.CatComune, "Comune di Città della Pieve", "Città della Pieve"},
		{"Bartolini", "Giorgio", data.CatComune, "Comune di Passignano sul Trasimeno", "Passignano sul Trasimeno"},
		{"Fabbri", "Niccolò", data.CatComune, "Comune di Panicale", "Panicale"},
		{"Santucci", "Elena", data.CatComune, "Comune di Tuoro sul Trasimeno", "Tuoro sul Trasimeno"},
		{"Marchetti", "Gabriele", data.CatComune, "Comune di Piegaro", "Piegaro"},
		{"Pascucci", "Rita", data.CatComune, "Comune di Paciano", "Paciano"},
		{"Mencarelli", "Sara", data.CatASL, "ASL Umbria 1", "Magione"},
		{"Gori", "Ilario", data.CatSindacato, "SPI CGIL", "Castiglione del Lago"},
		{"Vestrelli", "Franca", data.CatSindacato, "FNP CISL", "Panicale"},
		{"D'Angelo", "Mosè", data.CatAssociazione, "Forum del Terzo settore", "Tuoro sul Trasimeno"},
	}
	delegates := []person{
		{"Lucà", "Giovanna", data.CatComune, "Comune di Passignano sul Trasimeno", "Passignano sul Trasimeno"},
		{"Nocentini", "Andrea", data.CatComune, "Comune di Piegaro", "Piegaro"},
	}
	chairs := []person{
		{"Bellucci", "Francesca", data.CatComune, "Ufficio di Piano", "Castiglione del Lago"},
		{"Mariani", "Paolo", data.CatComune, "Ufficio di Piano", "Castiglione del Lago"},
	}
	guests := []person{
		{"Agostini", "Carla", data.CatVolontariato, "AUSER Trasimeno", "Magione"},
		{"Baldoni", "Ugo", data.CatCittadino, "", "Castiglione del Lago"},
		{"Barbanera", "Lucia", data.CatCooperativa, "Cooperativa sociale «Il Girasole»", "Città della Pieve"},
		{"Biagioli", "Teresa", data.CatVolontariato, "Università della Terza Età del Trasimeno", "Passignano sul Trasimeno"},
		{"Brunetti", "Renato", data.CatAssociazione, "Associazione Anziani Attivi", "Panicale"},
		{"Capoccia", "Elisa", data.CatASL, "ASL Umbria 1 – Centro di salute di Magione", "Magione"},
		{"Cardinali", "Pietro", data.CatCooperativa, "Cooperativa sociale Nuova Dimensione", "Perugia"},
		{"Ceccarelli", "Anna", data.CatScuola, "Istituto Omnicomprensivo «Mazzini»", "Magione"},
		{"Cherubini", "Giulio", data.CatCittadino, "", "Tuoro sul Trasimeno"},
		{"Cocchini", "Marisa", data.CatVolontariato, "Croce Rossa Italiana – Comitato del Trasimeno", "Castiglione del Lago"},
		{"Del Buono", "Franco", data.CatAssociazione, "ANTEA – Associazione nazionale terza età attiva", "Piegaro"},
		{"De Santis", "Nicoletta", data.CatCooperativa, "Cooperativa sociale Borgorete", "Perugia"},
		{"Ercolani", "Simone", data.CatComune, "Comune di Magione – Polizia locale", "Magione"},
		{"Falchi", "Rosanna", data.CatCittadino, "", "Paciano"},
		{"Fanfano", "Matteo", data.CatAltro, "Farmacia comunale di Panicale", "Panicale"},
		{"Fioroni", "Graziella", data.CatVolontariato, "Caritas diocesana – Zona pastorale del Lago", "Città della Pieve"},
		{"Gatti", "Alessio", data.CatSindacato, "UILP UIL", "Perugia"},
		{"Lazzerini", "Ottavia", data.CatCittadino, "", "Città della Pieve"},
		{"Lupattelli", "Bruno", data.CatAssociazione, "Centro sociale anziani «La Rocca»", "Passignano sul Trasimeno"},
		{"Mancini", "Chiara", data.CatASL, "ASL Umbria 1 – Servizio di assistenza domiciliare", "Castiglione del Lago"},
		{"Mattioli", "Ivo", data.CatCittadino, "", "Magione"},
		{"Moretti", "Silvia", data.CatCooperativa, "Cooperativa sociale «Il Quadrifoglio»", "Tuoro sul Trasimeno"},
		{"Paolucci", "Enzo", data.CatVolontariato, "Misericordia di Castiglione del Lago", "Castiglione del Lago"},
		{"Pierini", "Lorella", data.CatScuola, "Istituto comprensivo «Rodari»", "Tuoro sul Trasimeno"},
		{"Ragni", "Tiziana", data.CatAssociazione, "Associazione Alzheimer Uniti Umbria", "Perugia"},
		{"Sorbelli", "Dante", data.CatCittadino, "", "Piegaro"},
		{"Tiberi", "Monica", data.CatAltro, "Fondazione «Città della Pieve»", "Città della Pieve"},
		{"Zuccherini", "Noemi", data.CatCittadino, "", "Panicale"},
	}

	people := map[string]data.PersonView{}
	add := func(id string, p person) {
		people[id] = data.PersonView{
			Person: data.Person{Meta: data.Meta{ID: id}, Surname: p.surname, Name: p.name, Category: p.cat,
				Gender: fixtureGender(id, p.name)},
			OrganisationName: p.org,
			ComuneName:       p.town,
		}
	}
	var seats []data.SeatView
	var members []data.MembershipView
	for i, name := range seatNames {
		seatID := fmt.Sprintf("seat-%02d", i+1)
		seats = append(seats, data.SeatView{Seat: data.Seat{Meta: data.Meta{ID: seatID}, BodyID: "body-anziani",
			Position: i + 1, Label: name}, Name: name})
		personID := fmt.Sprintf("holder-%02d", i+1)
		add(personID, holders[i])
		members = append(members, data.MembershipView{Membership: data.Membership{Meta: data.Meta{ID: "m-" + personID},
			BodyID: "body-anziani", PersonID: personID, Role: data.RoleMembro, SeatID: seatID}})
	}
	for i, p := range chairs {
		id := fmt.Sprintf("chair-%d", i+1)
		add(id, p)
		role := data.RolePresidente
		if i == 1 {
			role = data.RoleSegretario
		}
		members = append(members, data.MembershipView{Membership: data.Membership{Meta: data.Meta{ID: "m-" + id},
			BodyID: "body-anziani", PersonID: id, Role: role}})
	}
	var att []data.Attendance
	record := func(personID, seatID string, presence data.Presence, delegated bool, arrived, left time.Time) {
		att = append(att, data.Attendance{Meta: data.Meta{ID: "att-" + personID}, SessionID: session,
			PersonID: personID, SeatID: seatID, Presence: presence, Delegated: delegated, Arrived: arrived, Left: left})
	}
	at := func(hh, mm int) time.Time { return rome(2027, time.March, 12, hh, mm) }
	for i := range seatNames {
		id := fmt.Sprintf("holder-%02d", i+1)
		switch i {
		case 3, 6: // Passignano and Piegaro send a delegate
			d := delegates[0]
			if i == 6 {
				d = delegates[1]
			}
			did := fmt.Sprintf("delegate-%02d", i+1)
			add(did, d)
			record(did, seats[i].ID, data.PresencePresente, true, at(15, 5), time.Time{})
		case 10:
			record(id, seats[i].ID, data.PresenceGiustificato, false, time.Time{}, time.Time{})
		case 11: // expected, never recorded: absent
		case 8:
			record(id, seats[i].ID, data.PresencePresente, false, at(15, 25), at(17, 40))
		default:
			record(id, seats[i].ID, data.PresencePresente, false, at(14, 50+i), time.Time{})
		}
	}
	record("chair-1", "", data.PresencePresente, false, at(14, 45), time.Time{})
	record("chair-2", "", data.PresencePresente, false, at(14, 45), time.Time{})
	for i, g := range guests {
		id := fmt.Sprintf("guest-%02d", i+1)
		add(id, g)
		left := time.Time{}
		if i%7 == 3 {
			left = at(17, 15)
		}
		record(id, "", data.PresencePresente, false, at(15, i%20), left)
	}

	titles := []string{
		"Approvazione del verbale della seduta precedente",
		"Comunicazioni del Presidente",
		"Analisi dell'offerta di servizi per gli anziani nei comuni dell'Ambito",
		"Assistenza domiciliare integrata: punti di forza e criticità",
		"Centri diurni e servizi di sollievo per le famiglie",
		"Contrasto alla solitudine e invecchiamento attivo",
		"Trasporto sociale nelle frazioni",
		"Proposte per il Piano di Zona 2027–2029",
		"Calendario dei prossimi incontri",
		"Varie ed eventuali",
	}
	notes := []string{
		"La Presidente ricorda che il verbale è stato trasmesso a tutti i componenti via posta elettronica il 20 febbraio.\n" +
			"Non essendo pervenute osservazioni, il verbale è posto in votazione.",
		"La Presidente informa che la Regione Umbria ha pubblicato le linee guida per i Piani di Zona e che l'Ufficio di Piano " +
			"raccoglierà entro maggio le proposte di tutti i Tavoli tematici.\n\n" +
			"Comunica inoltre che la sede dell'Università della Terza Età di Passignano è stata trasferita in via Roma.",
		"La dott.ssa Mencarelli (ASL) illustra i dati sull'invecchiamento della popolazione: nei comuni dell'Ambito un " +
			"residente su quattro ha più di 65 anni, con punte oltre il 30% a Paciano e a Piegaro.\n" +
			"Segue un confronto sull'offerta esistente: centri sociali, servizi domiciliari, trasporto e sportelli di ascolto. " +
			"Più interventi sottolineano la disomogeneità dell'offerta fra i comuni del lago e quelli collinari.\n" +
			"Il Tavolo concorda di costruire una mappa condivisa dei servizi entro la prossima seduta.",
		"", // the long one, below
		"Si discute dei centri diurni di Castiglione del Lago e di Città della Pieve, entrambi con lista d'attesa.\n" +
			"La cooperativa «Il Girasole» propone l'apertura del sabato mattina come servizio di sollievo per le famiglie.",
		"Le associazioni presentano le attività di invecchiamento attivo: ginnastica dolce, orti sociali, corsi di informatica.\n" +
			"Si rileva che gli anziani soli delle frazioni partecipano poco, soprattutto d'inverno.\n" +
			"Si propone una rete di «custodi sociali» che telefonino periodicamente agli anziani soli.",
		"Il trasporto sociale è garantito dai volontari di AUSER e della Misericordia, ma i mezzi sono vecchi.\n" +
			"Si chiede di coordinare le prenotazioni con un unico numero per tutto l'Ambito.",
		"Il Tavolo esamina le proposte raccolte e ne discute le priorità.\n" +
			"Si conviene di trasmettere all'Ufficio di Piano le proposte con la relativa stima dei costi e dei tempi.",
		"Il prossimo incontro si terrà a Castiglione del Lago nella seconda metà di aprile.",
		"Non ci sono altri argomenti.",
	}
	long := []string{
		"L'assistente sociale Mancini presenta il servizio di assistenza domiciliare integrata (ADI), che nel 2026 ha seguito " +
			"312 persone, il 68% delle quali con più di 80 anni. Il servizio è apprezzato per la continuità degli operatori e " +
			"per il raccordo con i medici di medicina generale.",
		"Fra le criticità emergono i tempi di attivazione dopo le dimissioni ospedaliere, che arrivano a tre settimane, e la " +
			"difficoltà di raggiungere le frazioni più isolate di Piegaro e di Paciano nei mesi invernali.",
		"Le cooperative segnalano la difficoltà di reperire operatori socio-sanitari e chiedono che i bandi tengano conto dei " +
			"tempi di spostamento fra un domicilio e l'altro, oggi non riconosciuti.",
		"I sindacati dei pensionati chiedono che il servizio sia esteso al fine settimana e che le famiglie ricevano un " +
			"piano di assistenza scritto, con i nomi degli operatori e i recapiti per le urgenze.",
	}
	var b strings.Builder
	for round := range 4 {
		for i, p := range long {
			if round > 0 || i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(p)
		}
	}
	notes[3] = b.String()

	var items []data.AgendaItem
	for i, title := range titles {
		// Stored out of order: documents number the items by Position.
		pos := i + 1
		items = append([]data.AgendaItem{{Meta: data.Meta{ID: fmt.Sprintf("item-%02d", pos)}, SessionID: session,
			Position: pos, Title: title, Notes: notes[i], Done: true}}, items...)
	}

	proposal := func(id, item string, kind data.ProposalKind, title, text, proposer, org string, cost data.CostBand,
		dur data.TimeBand, comuni ...string) data.ProposalView {
		return data.ProposalView{
			Proposal: data.Proposal{Meta: data.Meta{ID: id}, SessionID: session, AgendaItemID: item, AreaID: "area-anziani",
				Kind: kind, State: data.StateProposta, Title: title, Text: text, TargetGroup: "anziani over 75",
				Cost: cost, Duration: dur},
			AreaName: "Anziani", ProposerName: proposer, ProposerProse: proseOf(proposer), OrganisationName: org,
			ComuneNames: comuni,
		}
	}
	proposals := []data.ProposalView{
		proposal("p1", "item-04", data.KindPuntoDiForza, "Continuità degli operatori ADI",
			"Gli stessi operatori seguono la persona nel tempo.", "Mancini Chiara", "ASL Umbria 1", "", ""),
		proposal("p2", "item-04", data.KindCriticita, "Attivazione lenta dopo le dimissioni ospedaliere",
			"Fino a tre settimane di attesa.", "Gori Ilario", "SPI CGIL", "", "", "Piegaro", "Paciano"),
		proposal("p3", "item-05", data.KindIpotesi, "Centro diurno aperto il sabato",
			"Apertura del sabato mattina come sollievo per le famiglie.", "Barbanera Lucia",
			"Cooperativa sociale «Il Girasole»", data.Cost5to25k, data.Time6to12, "Città della Pieve"),
		proposal("p4", "item-06", data.KindIpotesi, "Custodi sociali per gli anziani soli",
			"Telefonate periodiche e visite dei volontari.", "Agostini Carla", "AUSER Trasimeno",
			data.CostUnder5k, data.Time3to6, "Piegaro", "Paciano", "Panicale"),
		proposal("p5", "item-06", data.KindStrategia, "Invecchiamento attivo nelle frazioni",
			"Portare le attività dei centri sociali nelle frazioni.", "", "Associazione Anziani Attivi", "", data.TimeOver12),
		proposal("p6", "item-07", data.KindIpotesi, "Numero unico per il trasporto sociale",
			"Un solo numero e un calendario condiviso fra le associazioni.", "Paolucci Enzo",
			"Misericordia di Castiglione del Lago", data.CostOver25k, data.TimeOver12),
		proposal("p7", "item-07", data.KindCriticita, "Mezzi di trasporto da sostituire", "", "Cocchini Marisa", "", "", ""),
		proposal("p8", "", data.KindPuntoDiForza, "Rete dei centri sociali anziani",
			"Presenti in tutti gli otto comuni.", "Lupattelli Bruno", "Centro sociale anziani «La Rocca»", "", ""),
	}
	decisions := []data.Decision{
		{Meta: data.Meta{ID: "d1"}, SessionID: session, AgendaItemID: "item-01", VoteID: "v1",
			Text: "Il verbale della seduta del 12 febbraio 2027 è approvato all'unanimità dei presenti."},
		{Meta: data.Meta{ID: "d2"}, SessionID: session, AgendaItemID: "item-03",
			Text: "Il Tavolo affida all'Ufficio di Piano la redazione di una mappa dei servizi per gli anziani."},
		{Meta: data.Meta{ID: "d3"}, SessionID: session, AgendaItemID: "item-04",
			Text: "Le criticità dell'ADI sono segnalate al Distretto sanitario con richiesta di un incontro."},
		{Meta: data.Meta{ID: "d4"}, SessionID: session, AgendaItemID: "item-08",
			Text: "Le proposte raccolte sono trasmesse all'Ufficio di Piano per la sintesi."},
		{Meta: data.Meta{ID: "d5"}, SessionID: session,
			Text: "Il Tavolo ringrazia il Comune di Magione per l'ospitalità."},
	}
	due := func(m time.Month, d int) time.Time { return rome(2027, m, d, 0, 0) }
	actions := []data.ActionItem{
		{Meta: data.Meta{ID: "a1"}, SessionID: session, AgendaItemID: "item-03", Who: "Ufficio di Piano",
			What: "Raccogliere dai comuni l'elenco dei servizi per gli anziani", Due: due(time.April, 10)},
		{Meta: data.Meta{ID: "a2"}, SessionID: session, AgendaItemID: "item-04", Who: "Mencarelli Sara",
			What: "Fissare l'incontro con il Distretto sanitario sui tempi di attivazione dell'ADI", Due: due(time.April, 1)},
		{Meta: data.Meta{ID: "a3"}, SessionID: session, AgendaItemID: "item-07", Who: "Paolucci Enzo",
			What: "Stimare il costo del numero unico per il trasporto sociale", Due: due(time.April, 20)},
		{Meta: data.Meta{ID: "a4"}, SessionID: session, AgendaItemID: "item-09", Who: "Mariani Paolo",
			What: "Inviare la convocazione della prossima seduta"},
		{Meta: data.Meta{ID: "a5"}, SessionID: session, Who: "Bellucci Francesca",
			What: "Presentare il lavoro del Tavolo al Tavolo dei Sindaci", Due: due(time.May, 15)},
	}
	votes := []data.Vote{{Meta: data.Meta{ID: "v1"}, SessionID: session, AgendaItemID: "item-01",
		Subject: "Approvazione del verbale della seduta del 12 febbraio 2027", Method: data.MethodMotion,
		Rules: data.DefaultRules(data.BodyTavoloTematico), Status: data.VoteChiusa,
		Opened: at(15, 20), Closed: at(15, 22), QuorumPresent: 10, QuorumRequired: 7}}

	previous := data.Session{Meta: data.Meta{ID: "sess-anziani-2027-02-12"}, BodyID: "body-anziani",
		Status: data.SessionChiusa, Call: data.CallPrima, Date: rome(2027, time.February, 12, 15, 0)}
	return data.Dossier{
		Ambito:   trasimeno,
		Capofila: "Castiglione del Lago",
		Body: data.Body{Meta: data.Meta{ID: "body-anziani"}, Name: "Tavolo tematico Anziani",
			Kind: data.BodyTavoloTematico, AreaID: "area-anziani", Rules: data.DefaultRules(data.BodyTavoloTematico)},
		AreaName: "Anziani",
		Session: data.Session{Meta: data.Meta{ID: session}, BodyID: "body-anziani", Status: data.SessionChiusa,
			Call: data.CallPrima, Date: at(15, 0), Place: "Sala consiliare, Comune di Magione, Piazza della Repubblica 3",
			Started: at(15, 10), Ended: at(18, 5), PresidentID: "chair-1", SecretaryID: "chair-2"},
		Previous:      &previous,
		PresidentName: "Francesca Bellucci",
		SecretaryName: "Paolo Mariani",
		President:     people["chair-1"].Naming(),
		Secretary:     people["chair-2"].Naming(),
		Agenda:        items,
		Seats:         seats,
		Members:       withNames(members, people, seats),
		Register:      data.BuildRegister(seats, members, people, att),
		Decisions:     decisions,
		Actions:       actions,
		Proposals:     proposals,
		Votes:         votes,
		Changed:       time.Date(2027, time.March, 12, 17, 31, 12, 0, time.UTC),
	}
}

// proseOf turns a fixture's "Surname Name" into "Name Surname" (the fixture's surnames are one word).
func proseOf(listed string) string {
	surname, name, ok := strings.Cut(listed, " ")
	if !ok {
		return listed
	}
	return name + " " + surname
}

// fixtureGender is the gender of a fixture's person by the given name, as Italian names mostly tell it;
// the guests' is not recorded, as in an office that never asked, so that documents fall back on the
// masculine for them.
func fixtureGender(id, name string) data.Gender {
	switch {
	case strings.HasPrefix(id, "guest-"):
		return data.GenderUnknown
	case strings.HasSuffix(name, "a") && name != "Luca" && name != "Andrea":
		return data.GenderFemminile
	}
	return data.GenderMaschile
}

// comuni are the Trasimeno's comuni with their approximate populations, largest first.
var comuni = []struct {
	name string
	pop  int
}{
	{"Castiglione del Lago", 15150}, {"Magione", 14700}, {"Città della Pieve", 7500},
	{"Passignano sul Trasimeno", 5700}, {"Panicale", 5500}, {"Tuoro sul Trasimeno", 3800},
	{"Piegaro", 3600}, {"Paciano", 950},
}

// sindaciDossier is the Tavolo dei Sindaci under the double rule: a seat per comune weighing its
// population; six comuni present (Panicale by a delegate), Tuoro excused, Piegaro absent.
func sindaciDossier() data.Dossier {
	const session = "sess-sindaci-2027-04-02"
	mayors := []string{"Burico Matteo", "Chiodini Massimo", "Risini Fausto", "Pasquali Sandro",
		"Baiocco Giulio", "Dell'Omo Patrizia", "Ricciarelli Roberto", "Bellezza Cristina"}
	people := map[string]data.PersonView{}
	var seats []data.SeatView
	var members []data.MembershipView
	var att []data.Attendance
	at := func(hh, mm int) time.Time { return rome(2027, time.April, 2, hh, mm) }
	for i, c := range comuni {
		seatID, personID := fmt.Sprintf("comune-%d", i+1), fmt.Sprintf("sindaco-%d", i+1)
		seats = append(seats, data.SeatView{Seat: data.Seat{Meta: data.Meta{ID: seatID}, BodyID: "body-sindaci",
			Position: i + 1, ComuneID: "c" + seatID}, Name: c.name, Population: c.pop, ComuneName: c.name})
		surname, name, _ := strings.Cut(mayors[i], " ")
		title, gender := "Sindaco", data.GenderMaschile
		if strings.HasSuffix(name, "a") {
			title, gender = "Sindaca", data.GenderFemminile
		}
		people[personID] = data.PersonView{Person: data.Person{Meta: data.Meta{ID: personID}, Surname: surname,
			Name: name, Category: data.CatComune, Title: title, Gender: gender},
			OrganisationName: "Comune di " + c.name, ComuneName: c.name}
		members = append(members, data.MembershipView{Membership: data.Membership{Meta: data.Meta{ID: "m" + personID},
			BodyID: "body-sindaci", PersonID: personID, Role: data.RoleMembro, SeatID: seatID}})
		a := data.Attendance{Meta: data.Meta{ID: "a" + personID}, SessionID: session, PersonID: personID, SeatID: seatID,
			Presence: data.PresencePresente, Arrived: at(10, 0)}
		switch c.name {
		case "Panicale":
			people["vice"] = data.PersonView{Person: data.Person{Meta: data.Meta{ID: "vice"}, Surname: "Fratini",
				Name: "Maria Cristina", Category: data.CatComune, Gender: data.GenderFemminile, Title: "Vicesindaca"},
				OrganisationName: "Comune di Panicale", ComuneName: "Panicale"}
			a.PersonID, a.Delegated, a.Meta.ID = "vice", true, "avice"
			a.DelegationAct = "delega prot. n. 123 del 10/02/2027"
		case "Tuoro sul Trasimeno":
			a.Presence, a.Arrived = data.PresenceGiustificato, time.Time{}
		case "Piegaro":
			a.Presence, a.Arrived = data.PresenceAssente, time.Time{}
		}
		att = append(att, a)
	}
	agenda := []data.AgendaItem{
		{Meta: data.Meta{ID: "si1"}, SessionID: session, Position: 1, Title: "Approvazione del verbale della seduta precedente"},
		{Meta: data.Meta{ID: "si2"}, SessionID: session, Position: 2, Title: "Obiettivi del Piano di Zona 2027–2029: area Anziani",
			Notes: "Il coordinatore dell'Ufficio di Piano presenta la sintesi dei Tavoli tematici."},
		{Meta: data.Meta{ID: "si3"}, SessionID: session, Position: 3, Title: "Varie ed eventuali"},
	}
	// Fratini is Panicale's standing delegate.
	standing := data.MembershipView{Membership: data.Membership{Meta: data.Meta{ID: "mvice"}, BodyID: "body-sindaci",
		PersonID: "vice", Role: data.RoleDelegato, SeatID: "comune-5"}}
	return data.Dossier{
		Ambito:   trasimeno,
		Capofila: "Castiglione del Lago",
		Body: data.Body{Meta: data.Meta{ID: "body-sindaci"}, Name: "Tavolo dei Sindaci", Kind: data.BodySindaci,
			Rules: data.DefaultRules(data.BodySindaci)},
		Session: data.Session{Meta: data.Meta{ID: session}, BodyID: "body-sindaci", Status: data.SessionChiusa,
			Call: data.CallPrima, Date: at(10, 0), Place: "Palazzo della Corgna, Castiglione del Lago",
			Started: at(10, 15), Ended: at(12, 40), PresidentID: "sindaco-1"},
		PresidentName: "Matteo Burico",
		SecretaryName: "Paolo Mariani",
		President:     people["sindaco-1"].Naming(),
		Secretary:     data.Naming{Name: "Paolo", Surname: "Mariani", Gender: data.GenderMaschile},
		Agenda:        agenda,
		Seats:         seats,
		Members:       withNames(append(members, standing), people, seats),
		Register:      data.BuildRegister(seats, members, people, att),
		Changed:       time.Date(2027, time.March, 28, 9, 0, 0, 0, time.UTC),
	}
}

// withNames fills in the names the store gives memberships: the person's "Surname Name" and the seat's.
func withNames(members []data.MembershipView, people map[string]data.PersonView, seats []data.SeatView) []data.MembershipView {
	out := make([]data.MembershipView, 0, len(members))
	for _, m := range members {
		m.PersonName = people[m.PersonID].FullName()
		for _, st := range seats {
			if st.ID == m.SeatID {
				m.SeatName = st.Name
			}
		}
		out = append(out, m)
	}
	return out
}
