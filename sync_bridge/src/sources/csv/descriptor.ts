/**
 * The CSV connector: vendors' export files, `<stream>.csv` each, in one directory, as their own
 * buttons write them (HubSpot CRM exports, Google Ads report downloads in ".csv" or "Excel .csv",
 * WooCommerce's Analytics → Orders download and order/customer exports; which one a file is comes
 * from its header); every stream kind, and the offline default (the samples shipped with the bridge). Its config block is
 * `sources.csv`: the directory, the page size, the HubSpot stage and pipeline labels of the deal
 * export, and the WooCommerce order states of the order export. It needs no secret.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { BRIDGE_DIR } from "../../bridge_dir";
import { ConfigValidationError } from "../../errors";
import { defineSource } from "../descriptor";
import { orderStatesSetting } from "../woocommerce/descriptor";
import { CsvExportFiles } from "./client";
import { csvStreams } from "./streams";

/** The sample exports shipped with the bridge: the offline default of `sync csv`. */
export function defaultCsvDirectory(): string {
  return join(BRIDGE_DIR, "samples", "csv");
}

export const csvSource = defineSource({
  name: "csv",
  label: "CSV files",
  help: "the offline default: the export files of sources.csv.directory, shipped samples otherwise",
  streams: ["companies", "contacts", "deals", "campaigns", "campaign_spend", "customers", "orders"],
  settings: z.strictObject({
    /** e.g. "exports" (relative to the config file) */
    directory: z.string().min(1).optional(),
    pageSize: z.number().int().min(1).max(5000).default(200),
    /** HubSpot export labels → stage ids, e.g. {"Demo booked": "appointmentscheduled"} */
    dealStages: z.record(z.string(), z.string()).default({}),
    /** e.g. {"Sales Pipeline": "default"} */
    pipelines: z.record(z.string(), z.string()).default({}),
    orderStates: orderStatesSetting,
  }),
  /** The directory, absolute: relative to the config file's folder, the shipped samples when unset. */
  resolveSettings(settings, { baseDir }) {
    const { directory } = settings;
    return {
      ...settings,
      directory:
        directory === undefined ? defaultCsvDirectory() : isAbsolute(directory) ? directory : resolve(baseDir, directory),
    };
  },
  create(settings, { offline, batchSize }) {
    const directory = settings.directory ?? defaultCsvDirectory();
    if (!offline && !existsSync(directory)) {
      throw new ConfigValidationError(
        `The CSV directory ${directory} does not exist`,
        'Set sources.csv.directory in the config file to the folder holding the exports (e.g. "exports").',
      );
    }
    const files = new CsvExportFiles(directory);
    return {
      streams: csvStreams(
        {
          directory,
          pageSize: Math.min(settings.pageSize, batchSize),
          labels: { stages: settings.dealStages, pipelines: settings.pipelines },
          orderStates: settings.orderStates,
        },
        files,
        offline,
      ),
      missing: (streams) => `no ${streams.map((stream) => `${stream}.csv`).join(", ")} in ${directory}`,
    };
  },
});
