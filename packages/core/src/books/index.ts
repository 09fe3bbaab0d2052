// The household's books (issue #17): pure rules and use-cases. The XLSX and PDF writers (xlsx.ts, pdf.ts)
// are not exported here so that handlers which do not export files never load exceljs or pdf-lib.
export * from './access.ts';
export * from './aggregates.ts';
export * from './bank-accounts.ts';
export * from './book.ts';
export * from './forms.ts';
export * from './period.ts';
export * from './ports.ts';
export * from './revenue.ts';
export * from './sales-record.ts';
export * from './seller-report.ts';
export * from './use-cases.ts';
