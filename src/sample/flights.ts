/**
 * A deterministic stand-in for OpenSearch Dashboards' `kibana_sample_data_flights`: the same field names and
 * kinds of values, generated from a fixed seed so every machine gets the same documents.
 */
import { prng } from './prng.js';
interface Airport {
  id: string;
  name: string;
  city: string;
  country: string;
  region: string;
}

const AIRPORTS: Airport[] = [
  { id: 'SYD', name: 'Sydney Kingsford Smith International Airport', city: 'Sydney', country: 'AU', region: 'SE-BD' },
  { id: 'VE05', name: 'Venice Marco Polo Airport', city: 'Venice', country: 'IT', region: 'IT-34' },
  { id: 'CPT', name: 'Cape Town International Airport', city: 'Cape Town', country: 'ZA', region: 'SE-BD' },
  { id: 'FRA', name: 'Frankfurt am Main Airport', city: 'Frankfurt am Main', country: 'DE', region: 'DE-HE' },
  { id: 'MUC', name: 'Munich Airport', city: 'Munich', country: 'DE', region: 'DE-BY' },
  { id: 'YOW', name: 'Ottawa Macdonald-Cartier International Airport', city: 'Ottawa', country: 'CA', region: 'CA-ON' },
  { id: 'NRT', name: 'Narita International Airport', city: 'Tokyo', country: 'JP', region: 'SE-BD' },
  { id: 'JFK', name: 'John F. Kennedy International Airport', city: 'New York', country: 'US', region: 'US-NY' },
  { id: 'LHR', name: 'London Heathrow Airport', city: 'London', country: 'GB', region: 'GB-ENG' },
  { id: 'CDG', name: 'Charles de Gaulle International Airport', city: 'Paris', country: 'FR', region: 'FR-J' },
  { id: 'ZRH', name: 'Zurich Airport', city: 'Zurich', country: 'CH', region: 'CH-ZH' },
  { id: 'BCN', name: 'Barcelona International Airport', city: 'Barcelona', country: 'ES', region: 'ES-CT' },
  { id: 'SVO', name: 'Sheremetyevo International Airport', city: 'Moscow', country: 'RU', region: 'RU-MOS' },
  { id: 'DXB', name: 'Dubai International Airport', city: 'Dubai', country: 'AE', region: 'SE-BD' },
  { id: 'GRU', name: 'Sao Paulo Guarulhos International Airport', city: 'Sao Paulo', country: 'BR', region: 'SE-BD' },
  { id: 'PEK', name: 'Beijing Capital International Airport', city: 'Beijing', country: 'CN', region: 'SE-BD' },
  { id: 'DEL', name: 'Indira Gandhi International Airport', city: 'New Delhi', country: 'IN', region: 'SE-BD' },
  { id: 'SEA', name: 'Seattle Tacoma International Airport', city: 'Seattle', country: 'US', region: 'US-WA' },
];
const CARRIERS = ['OpenSearch Dashboards Airlines', 'Logstash Airways', 'JetBeats', 'ES-Air'];
const WEATHER = ['Sunny', 'Clear', 'Rain', 'Cloudy', 'Thunder & Lightning', 'Fog', 'Hail', 'Damaging Wind', 'Snow', 'Heavy Fog'];
const DELAY_TYPES = ['Carrier Delay', 'Weather Delay', 'NAS Delay', 'Security Delay', 'Late Aircraft Delay'];


export interface SampleDoc {
  _id: string;
  [field: string]: unknown;
}

export function generateFlights(count = 3000, seed = 20201013): SampleDoc[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const start = Date.UTC(2026, 9, 5); // a fixed week-long window, like the Dashboards sample
  const docs: SampleDoc[] = [];
  for (let i = 0; i < count; i++) {
    const origin = pick(AIRPORTS);
    let dest = pick(AIRPORTS);
    while (dest.id === origin.id) dest = pick(AIRPORTS);
    const km = Math.round((800 + rnd() * 15000) * 100) / 100;
    const delayed = rnd() < 0.25;
    const cancelled = rnd() < 0.12;
    const delayMin = delayed ? 15 + Math.floor(rnd() * 24) * 15 : 0;
    const minutes = Math.round((km / 12 + delayMin) * 100) / 100;
    const ts = start + Math.floor(rnd() * 7 * 24 * 60) * 60_000;
    docs.push({
      _id: `flight-${String(i + 1).padStart(5, '0')}`,
      FlightNum: `${String.fromCharCode(65 + Math.floor(rnd() * 26))}${String.fromCharCode(65 + Math.floor(rnd() * 26))}${Math.floor(1000 + rnd() * 9000)}`,
      Carrier: pick(CARRIERS),
      Origin: origin.name,
      OriginAirportID: origin.id,
      OriginCityName: origin.city,
      OriginCountry: origin.country,
      OriginRegion: origin.region,
      OriginWeather: pick(WEATHER),
      Dest: dest.name,
      DestAirportID: dest.id,
      DestCityName: dest.city,
      DestCountry: dest.country,
      DestRegion: dest.region,
      DestWeather: pick(WEATHER),
      AvgTicketPrice: Math.round((100 + rnd() * 1100) * 100) / 100,
      DistanceKilometers: km,
      DistanceMiles: Math.round(km * 0.621371 * 100) / 100,
      FlightDelay: delayed,
      FlightDelayMin: delayMin,
      FlightDelayType: delayed ? pick(DELAY_TYPES) : 'No Delay',
      Cancelled: cancelled,
      FlightTimeMin: minutes,
      FlightTimeHour: String(Math.round((minutes / 60) * 1000) / 1000),
      dayOfWeek: (new Date(ts).getUTCDay() + 6) % 7,
      timestamp: new Date(ts).toISOString().slice(0, 19),
    });
  }
  return docs;
}
