package app

import (
	"context"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/install"
)

// welcomeDialog is the first-run dialog's widgets, found in the window's overlay.
type welcomeDialog struct {
	box      fyne.CanvasObject
	operator *widget.Entry
	ambito   *widget.Entry
	choice   *widget.RadioGroup
	start    *widget.Button
}

func (e *env) welcome() welcomeDialog {
	e.t.Helper()
	o := e.mustOverlay("the first-run dialog")
	if !hasText(o, "Benvenuto in Tavoli") {
		e.t.Fatalf("dialog shown = %q, want the welcome", texts(o))
	}
	w := welcomeDialog{box: o, start: button(e.t, o, "Inizia")}
	walk(o, func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Entry:
			switch x.PlaceHolder {
			case "Nome e cognome":
				w.operator = x
			case "Nome dell'Ambito, es. Ambito territoriale n.3":
				w.ambito = x
			}
		case *widget.RadioGroup:
			w.choice = x
		}
	})
	return w
}

// storedOperator reads the operator back from the installation file.
func (e *env) storedOperator() string {
	e.t.Helper()
	inst, _, err := install.Load(e.instDir, func() string { return "another-device" })
	if err != nil {
		e.t.Fatalf("install.Load: %v", err)
	}
	if inst.DeviceID != testDevice {
		e.t.Fatalf("installation device = %q, want %q (the file was replaced)", inst.DeviceID, testDevice)
	}
	return inst.Operator
}

func TestFirstRunRequiresName(t *testing.T) {
	e := newEnv(t, setup{})
	w := e.welcome()
	if w.operator == nil || w.choice == nil || w.ambito == nil {
		t.Fatalf("welcome dialog lacks a field: operator %v, choice %v, ambito %v", w.operator, w.choice, w.ambito)
	}
	if got, want := w.choice.Options, []string{"Dati dimostrativi: Ambito n.5 Trasimeno",
		"Ricevo i dati da un altro computer: importo il pacchetto .tavoli", "Un Ambito vuoto"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("start choices = %q, want %q", got, want)
	}
	if w.choice.Selected != "Dati dimostrativi: Ambito n.5 Trasimeno" {
		t.Errorf("start choice preselected = %q, want the demo", w.choice.Selected)
	}
	if !w.ambito.Disabled() {
		t.Error("the Ambito name is enabled while the demo is chosen")
	}
	if e.ui.win.Canvas().Focused() != w.operator {
		t.Errorf("focus = %v, want the operator's name", e.ui.win.Canvas().Focused())
	}

	test.Tap(w.start)
	if !hasText(w.box, "Scrivi il tuo nome per continuare.") {
		t.Errorf("after Inizia without a name the dialog shows %q, want the error line", texts(w.box))
	}
	if e.overlay() == nil {
		t.Error("the dialog closed without a name")
	}
	empty, err := e.store().IsEmpty(context.Background())
	if err != nil || !empty {
		t.Errorf("IsEmpty after Inizia without a name = %v, %v; want true", empty, err)
	}
	if got := e.storedOperator(); got != "" {
		t.Errorf("operator saved without a name = %q, want none", got)
	}

	// Spaces are no name either.
	test.Type(w.operator, "   ")
	test.Tap(w.start)
	if got := e.storedOperator(); got != "" {
		t.Errorf("operator saved for a blank name = %q, want none", got)
	}
}

func TestFirstRunDemo(t *testing.T) {
	e := newEnv(t, setup{})
	w := e.welcome()
	test.Type(w.operator, "Lucia Ferri")
	pressEnter(w.operator) // Enter in the name starts, like Inizia

	if o := e.overlay(); o != nil {
		t.Fatalf("the welcome is still shown: %q", texts(o))
	}
	ctx := context.Background()
	comuni, err := e.store().Comuni(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(comuni) != 8 {
		t.Errorf("comuni after the demo = %d, want 8", len(comuni))
	}
	if got := len(e.people("")); got != 60 {
		t.Errorf("people after the demo = %d, want 60", got)
	}
	if got := e.storedOperator(); got != "Lucia Ferri" {
		t.Errorf("operator in the installation file = %q, want %q", got, "Lucia Ferri")
	}
	if got, want := e.ui.header.Text, "Tavoli · Ambito n.5 Trasimeno"; got != want {
		t.Errorf("header = %q, want %q", got, want)
	}
	if got := len(e.ui.sessions.pane.items); got == 0 {
		t.Error("no sessions listed after the demo, want the demo's past meetings")
	}
	if got, want := e.ui.status.device.Text, "pc-ufficio · Lucia Ferri"; got != want {
		t.Errorf("status device = %q, want %q", got, want)
	}
}

func TestFirstRunEmptyAmbito(t *testing.T) {
	e := newEnv(t, setup{})
	w := e.welcome()
	test.Type(w.operator, "Marco Tomassini")
	w.choice.SetSelected("Un Ambito vuoto")
	if w.ambito.Disabled() {
		t.Fatal("the Ambito name stays disabled after choosing an empty Ambito")
	}

	test.Tap(w.start)
	if !hasText(w.box, "Scrivi il nome dell'Ambito.") {
		t.Errorf("after Inizia without the Ambito's name the dialog shows %q, want the error line", texts(w.box))
	}
	if empty, _ := e.store().IsEmpty(context.Background()); !empty {
		t.Error("the database was written without the Ambito's name")
	}

	test.Type(w.ambito, "Ambito Territoriale n.3 Foligno")
	test.Tap(w.start)
	if o := e.overlay(); o != nil {
		t.Fatalf("the welcome is still shown: %q", texts(o))
	}

	ctx := context.Background()
	a, err := e.store().Ambito(ctx)
	if err != nil {
		t.Fatalf("Ambito: %v", err)
	}
	if a.Name != "Ambito Territoriale n.3 Foligno" {
		t.Errorf("Ambito name = %q, want %q", a.Name, "Ambito Territoriale n.3 Foligno")
	}
	areas, err := e.store().Areas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var areaNames []string
	for _, ar := range areas {
		areaNames = append(areaNames, ar.Name)
	}
	if strings.Join(areaNames, "|") != strings.Join(data.DefaultAreas, "|") {
		t.Errorf("areas = %q, want the 6 standard ones %q", areaNames, data.DefaultAreas)
	}
	bodies, err := e.store().Bodies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[data.BodyKind]int{}
	var names []string
	for _, b := range bodies {
		kinds[b.Kind]++
		names = append(names, b.Name)
	}
	wantKinds := map[data.BodyKind]int{data.BodySindaci: 1, data.BodyTavoloAlto: 1, data.BodyUfficioDiPiano: 1, data.BodyTavoloTematico: 6}
	for k, n := range wantKinds {
		if kinds[k] != n {
			t.Errorf("bodies of kind %s = %d, want %d (bodies: %q)", k, kinds[k], n, names)
		}
	}
	sort.Strings(names)
	for _, want := range []string{"Tavolo dei Sindaci", "Tavolo Alto della Concertazione", "Ufficio di Piano", "Tavolo tematico Anziani"} {
		if i := sort.SearchStrings(names, want); i == len(names) || names[i] != want {
			t.Errorf("bodies = %q, want %q among them", names, want)
		}
	}
	if comuni, _ := e.store().Comuni(ctx); len(comuni) != 0 {
		t.Errorf("comuni of an empty Ambito = %d, want 0", len(comuni))
	}
	if got := e.storedOperator(); got != "Marco Tomassini" {
		t.Errorf("operator in the installation file = %q, want %q", got, "Marco Tomassini")
	}
	if got, want := e.ui.header.Text, "Tavoli · Ambito Territoriale n.3 Foligno"; got != want {
		t.Errorf("header = %q, want %q", got, want)
	}
}

func TestNoWelcomeWhenSetUp(t *testing.T) {
	e := newEnv(t, setup{demo: true, operator: "Lucia Ferri"})
	if o := e.overlay(); o != nil {
		t.Errorf("dialog on a set-up installation and database: %q", texts(o))
	}
}

func TestWelcomeAsksOnlyTheName(t *testing.T) {
	// A database that holds data, on a computer with no operator yet: only the name is asked.
	e := newEnv(t, setup{demo: true})
	w := e.welcome()
	if w.operator == nil {
		t.Fatal("the operator's name is not asked")
	}
	if w.choice != nil {
		t.Error("the start choice is offered on a database that holds data")
	}
	test.Type(w.operator, "Giulia Baldelli")
	test.Tap(w.start)
	if e.overlay() != nil {
		t.Fatal("the welcome is still shown")
	}
	if got := e.storedOperator(); got != "Giulia Baldelli" {
		t.Errorf("operator = %q, want %q", got, "Giulia Baldelli")
	}
	if got := len(e.people("")); got != 60 {
		t.Errorf("people = %d, want the 60 already there", got)
	}
}
