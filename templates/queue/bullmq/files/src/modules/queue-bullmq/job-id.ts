// BullMQ rejects custom job ids containing ":" (reserved for repeatable jobs), so the port's
// ids ("invoice-created:<uuid>") are escaped reversibly: "%" -> "%25", ":" -> "%3A".
export const toBullJobId = (jobId: string): string => jobId.replaceAll('%', '%25').replaceAll(':', '%3A');
export const fromBullJobId = (jobId: string): string => jobId.replaceAll('%3A', ':').replaceAll('%25', '%');
