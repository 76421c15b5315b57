/** Given and family names from the countries Acme hires in; pairs are drawn at random. */
export const GIVEN = (
  'Ada,Aisha,Alex,Amara,Ana,Andrei,Anja,Arjun,Beatriz,Ben,Carla,Chen,Chloe,' +
  'Daniel,David,Diego,Elena,Emma,Erik,Fatima,Felix,Grace,Hana,Hannah,Hugo,' +
  'Ines,Isaac,Jakob,James,Jana,Javier,Jin,Joao,Julia,Kai,Kenji,Lara,Leon,' +
  'Lina,Lucas,Lucia,Maja,Marco,Maria,Mateo,Mia,Mina,Nadia,Noah,Nora,Olga,' +
  'Omar,Paul,Priya,Rafael,Rita,Rohan,Ruth,Sam,Sara,Sofia,Sven,Tariq,Theo,' +
  'Tom,Valentina,Wei,Yara,Yusuf,Zoe'
).split(',');

export const FAMILY = (
  'Achterberg,Adeyemi,Alves,Andersen,Becker,Bianchi,Brown,Campbell,Chen,' +
  'Costa,Dubois,Dumont,Eriksson,Fernandes,Fischer,Garcia,Gomez,Hansen,' +
  'Hoffmann,Huang,Ibrahim,Ito,Jansen,Kaur,Keller,Kim,Kowalski,Kumar,Lambert,' +
  'Larsen,Lee,Lopez,Martin,Meyer,Moreau,Murphy,Nakamura,Nguyen,Novak,' +
  'Okafor,Oliveira,Park,Patel,Pereira,Petrov,Rahman,Rossi,Santos,Schmidt,' +
  'Schneider,Silva,Singh,Smith,Tanaka,Taylor,Thomas,Tran,Wagner,Walker,' +
  'Weber,Wong,Yilmaz,Zhang'
).split(',');
