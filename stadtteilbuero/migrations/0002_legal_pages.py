"""The three legal pages as editable flatpages, with a first real text."""

from django.db import migrations

IMPRINT = """Angaben nach § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Medienstaatsvertrag (MStV).
**Bitte ergänzen Sie die Angaben des Betreibers**, bevor das Portal öffentlich erreichbar ist.

## Betreiber des Portals

[Name der Stadt oder des Trägers]
[Straße und Hausnummer]
[Postleitzahl und Ort]

Vertreten durch: [Name der vertretungsberechtigten Person]

## Kontakt

Telefon: [Telefonnummer]
E-Mail: [E-Mail-Adresse]

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

[Name und Anschrift]

## Inhalte der Stadtteilbüros

Jedes Stadtteilbüro pflegt seine Seiten, Projekte, Veranstaltungen und Nachrichten selbst.
Für diese Inhalte ist das jeweilige Büro verantwortlich; seine Kontaktdaten stehen auf
seiner Seite.
"""

PRIVACY = """Der Schutz Ihrer Daten ist uns wichtig. Hier erfahren Sie, welche Daten das
Stadtteilportal speichert, warum, und welche Rechte Sie haben.

## Verantwortliche Stelle

Verantwortlich ist der Betreiber des Portals (siehe [Impressum](/impressum/)).

## Besuch der Seiten

Beim Aufruf einer Seite verarbeitet der Server technisch notwendige Daten: IP-Adresse,
Zeitpunkt, aufgerufene Adresse und Browserkennung. Sie werden nur für den sicheren Betrieb
genutzt und nach spätestens 14 Tagen gelöscht (Art. 6 Abs. 1 lit. e und f DSGVO).

Das Portal setzt keine Cookies zur Analyse oder Werbung ein und lädt keine Schriften,
Karten oder Skripte von fremden Servern. Karten öffnen Sie nur, wenn Sie selbst auf einen
Link zu OpenStreetMap klicken.

## Anträge an den Verfügungsfonds

Wenn Sie einen Antrag stellen, speichern wir Ihre Angaben (Name, Kontaktdaten, Angaben zum
Projekt, Kostenplan, Anhänge), um über den Antrag zu entscheiden, die Förderung
abzuwickeln und die Verwendung der Mittel nachzuweisen (Art. 6 Abs. 1 lit. b, c und e
DSGVO). Sehen können die Angaben nur die Mitarbeitenden des zuständigen Stadtteilbüros und
das Gremium, das über die Vergabe entscheidet. Anhänge liegen nicht öffentlich zugänglich.
Veröffentlicht werden nur der Titel des Projekts und der bewilligte Betrag, wenn Sie dem
zugestimmt haben. Nach Ablauf der Aufbewahrungsfristen werden Ihre persönlichen Angaben
gelöscht.

## Ihre Rechte

Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Einschränkung der
Verarbeitung, auf Datenübertragbarkeit und auf Widerspruch. Sie können sich bei der
Datenschutz-Aufsichtsbehörde Ihres Bundeslandes beschweren.

Stand dieser Erklärung: Version 1.
"""

ACCESSIBILITY = """Das Stadtteilportal soll von allen Menschen genutzt werden können. Es
orientiert sich an der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und den
Web Content Accessibility Guidelines (WCAG 2.1, Stufe AA).

## Stand der Vereinbarkeit

Die Seiten werden bei jeder Änderung automatisch auf Barrieren geprüft. Sie sind mit der
Tastatur bedienbar, funktionieren ohne JavaScript, haben eine klare Überschriften-Struktur,
und jedes Bild hat einen Alternativtext.

Bekannte Einschränkungen: Dokumente zum Herunterladen (PDF), die die Stadtteilbüros
einstellen, sind nicht immer barrierefrei. Bitte fragen Sie beim Büro nach, wenn Sie eine
andere Fassung brauchen.

## Barriere melden

Ist Ihnen eine Barriere aufgefallen? Schreiben Sie uns: [E-Mail-Adresse des Betreibers
eintragen]. Wir antworten innerhalb von zwei Wochen.

## Schlichtungsverfahren

Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die
Schlichtungsstelle nach dem Behindertengleichstellungsgesetz Ihres Bundeslandes wenden.
"""

PAGES = [
    ("/impressum/", "Impressum", IMPRINT),
    ("/datenschutz/", "Datenschutzerklärung", PRIVACY),
    ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit", ACCESSIBILITY),
]


def create_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    site, _created = Site.objects.get_or_create(
        pk=1, defaults={"domain": "localhost", "name": "Stadtteilportal"}
    )
    for url, title, content in PAGES:
        page, created = FlatPage.objects.get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        page.sites.add(site)


def remove_pages(apps, schema_editor):
    apps.get_model("flatpages", "FlatPage").objects.filter(
        url__in=[url for url, _title, _content in PAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stadtteilbuero", "0001_initial"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(create_pages, remove_pages)]
